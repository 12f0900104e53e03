package io.octavia.core.platform;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a tenant: the unit of isolation, enforced in PostgreSQL by row-level
 * security. Serialized as the bare UUID string in JSON (API bodies, events, the outbox).
 */
public record TenantId(@JsonValue UUID value) {

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public TenantId {
		java.util.Objects.requireNonNull(value, "value");
	}

	public static TenantId of(String value) {
		return new TenantId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
