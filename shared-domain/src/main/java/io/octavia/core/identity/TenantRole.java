package io.octavia.core.identity;

import java.util.Arrays;
import java.util.Locale;

/**
 * A user's role in one tenant; stored in lower case ({@code owner}), labelled by the
 * message keys {@code TenantRole.*}. What each role may do is decided in one place,
 * {@link RolePermissions}.
 */
public enum TenantRole {

	OWNER, ADMIN, DEVELOPER, BILLING, VIEWER;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static TenantRole of(String value) {
		return Arrays.stream(values())
			.filter(role -> role.value().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown tenant role: " + value));
	}

}
