package io.octavia.core.platform;

import java.util.UUID;

/**
 * Identifies a tenant: the unit of isolation, enforced in PostgreSQL by row-level
 * security.
 */
public record TenantId(UUID value) {

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
