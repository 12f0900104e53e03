package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.UserId;

/** An account proved its e-mail address. */
public record EmailVerified(EventMetadata metadata, UserId userId, String email) implements DomainEvent {

	@Override
	public String type() {
		return "user.email_verified";
	}

	@Override
	public String subject() {
		return userId.toString();
	}

}
