package io.octavia.core.identity;

import java.util.Arrays;
import java.util.Locale;

/**
 * What platform staff (operators) may do across tenants; stored in lower case
 * ({@code platform_admin}), labelled by the message keys {@code PlatformRole.*}.
 */
public enum PlatformRole {

	PLATFORM_ADMIN,

	/** Read-only, plus audited impersonation. */
	SUPPORT,

	FINANCE;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static PlatformRole of(String value) {
		return Arrays.stream(values())
			.filter(role -> role.value().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown platform role: " + value));
	}

}
