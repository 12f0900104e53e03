package io.octavia.core.identity;

import java.util.Arrays;
import java.util.Locale;

/** Whether an account may sign in; stored in lower case. */
public enum UserStatus {

	ACTIVE, DISABLED;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static UserStatus of(String value) {
		return Arrays.stream(values())
			.filter(status -> status.value().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown user status: " + value));
	}

}
