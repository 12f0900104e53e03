package io.octavia.core.identity;

import java.util.UUID;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/** An invitation was accepted: its user is now a member with its role. */
public record InvitationAccepted(EventMetadata metadata, UUID invitationId, TenantId tenantId, UserId userId,
		String email, TenantRole role, boolean accountCreated) implements DomainEvent {

	@Override
	public String type() {
		return "invitation.accepted";
	}

	@Override
	public String subject() {
		return invitationId.toString();
	}

}
