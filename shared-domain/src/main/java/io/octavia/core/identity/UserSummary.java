package io.octavia.core.identity;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import io.octavia.core.platform.UserId;

/** A user account as the rest of the platform sees it; never the password hash. */
public record UserSummary(UserId id, String email, String displayName, Set<PlatformRole> platformRoles,
		UserStatus status, Locale locale, Instant createdAt) {
}
