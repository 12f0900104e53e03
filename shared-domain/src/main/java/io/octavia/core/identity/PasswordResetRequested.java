package io.octavia.core.identity;

import java.time.Instant;
import java.util.Locale;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.UserId;

/**
 * A password reset was asked for an existing, active account: the notifications module
 * mails the link.
 * <p>
 * Not {@code @Externalized}: it carries a one-time link, which must reach the mail sender
 * only, never a Kafka topic. Even the outbox row only ever holds the link sealed
 * ({@code sealedLink}, purpose {@value IdentityManagement#MAIL_LINK_PURPOSE}).
 */
public record PasswordResetRequested(EventMetadata metadata, UserId userId, String email, Locale locale,
		Instant expiresAt, String sealedLink) implements DomainEvent {

	@Override
	public String type() {
		return "user.password_reset_requested";
	}

	@Override
	public String subject() {
		return userId.toString();
	}

}
