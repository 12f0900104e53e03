package io.octavia.core.identity;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/**
 * An invitation to join a tenant; never its token, which only the invitee's mail holds.
 */
public record Invitation(UUID id, TenantId tenantId, String email, TenantRole role, InvitationStatus status,
		@Nullable UserId invitedBy, Instant createdAt, Instant expiresAt) {
}
