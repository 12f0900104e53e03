package io.octavia.core.platform;

import java.util.UUID;

/** Identifies a brand of a tenant: name, hostnames, look and sender identity. */
public record BrandId(UUID value) {

	public BrandId {
		java.util.Objects.requireNonNull(value, "value");
	}

	public static BrandId of(String value) {
		return new BrandId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
