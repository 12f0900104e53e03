package io.octavia.core.identity;

import java.time.Instant;
import java.util.UUID;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

/**
 * Someone was invited to join a tenant: the notifications module mails the link.
 * <p>
 * Not {@code @Externalized}: it carries a one-time link, which must reach the mail sender
 * only, never a Kafka topic. Even the outbox row only ever holds the link sealed
 * ({@code sealedLink}, purpose {@value IdentityManagement#MAIL_LINK_PURPOSE}).
 */
public record UserInvited(EventMetadata metadata, UUID invitationId, TenantId tenantId, String email, TenantRole role,
		Instant expiresAt, String sealedLink) implements DomainEvent {

	@Override
	public String type() {
		return "user.invited";
	}

	@Override
	public String subject() {
		return invitationId.toString();
	}

}
