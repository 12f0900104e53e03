package io.octavia.core.identity;

import java.time.Instant;

import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/** A user's membership in one tenant, with the one role they hold there. */
public record Membership(TenantId tenantId, UserId userId, TenantRole role, Instant createdAt) {

	public java.util.Set<String> permissions() {
		return RolePermissions.of(role);
	}

}
