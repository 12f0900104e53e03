package io.octavia.core.platform;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a brand of a tenant: name, hostnames, look and sender identity. * Serialized
 * as the bare UUID string in JSON (API bodies, events, the outbox).
 */
public record BrandId(@JsonValue UUID value) {

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
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
