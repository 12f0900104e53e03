package io.octavia.core.identity;

import java.time.Instant;
import java.util.Set;

import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/**
 * A user's membership in one tenant, with the one role they hold there.
 *
 * @param status a disabled membership grants nothing in its tenant (the account and its
 * other memberships stay as they are)
 */
public record Membership(TenantId tenantId, UserId userId, TenantRole role, Instant createdAt, UserStatus status) {

	public Membership(TenantId tenantId, UserId userId, TenantRole role, Instant createdAt) {
		this(tenantId, userId, role, createdAt, UserStatus.ACTIVE);
	}

	public Set<String> permissions() {
		return (status == UserStatus.ACTIVE) ? RolePermissions.of(role) : Set.of();
	}

}
