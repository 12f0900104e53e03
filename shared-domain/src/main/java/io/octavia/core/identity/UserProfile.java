package io.octavia.core.identity;

import java.time.ZoneId;
import java.util.Locale;

import io.octavia.core.platform.UserId;

/** What a user sees and edits of their own account. */
public record UserProfile(UserId id, String email, String displayName, Locale locale, ZoneId timeZone,
		boolean emailVerified, boolean mfaEnabled, UserStatus status) {
}
