package io.octavia.core.identity;

import java.util.UUID;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

/** A pending invitation was revoked; its link no longer works. */
public record InvitationRevoked(EventMetadata metadata, UUID invitationId, TenantId tenantId,
		String email) implements DomainEvent {

	@Override
	public String type() {
		return "invitation.revoked";
	}

	@Override
	public String subject() {
		return invitationId.toString();
	}

}
