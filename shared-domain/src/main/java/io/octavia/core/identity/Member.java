package io.octavia.core.identity;

import java.time.Instant;

import io.octavia.core.platform.UserId;

/**
 * A member of a tenant as the tenant's user list shows them.
 *
 * @param status of the membership in this tenant
 * @param accountStatus of the account as a whole (an operator may disable it)
 */
public record Member(UserId userId, String email, String displayName, TenantRole role, UserStatus status,
		UserStatus accountStatus, boolean emailVerified, Instant joinedAt) {
}
