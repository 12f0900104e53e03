package io.octavia.core.platform;

import java.util.UUID;

/** Identifies a person (or machine client) acting on the platform. */
public record UserId(UUID value) {

	public UserId {
		java.util.Objects.requireNonNull(value, "value");
	}

	public static UserId of(String value) {
		return new UserId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
