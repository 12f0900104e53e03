package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.UserId;

/** An operator disabled an account (it cannot sign in) or enabled it again. */
public record AccountStatusChanged(EventMetadata metadata, UserId userId, UserStatus status) implements DomainEvent {

	@Override
	public String type() {
		return (status == UserStatus.ACTIVE) ? "user.enabled" : "user.disabled";
	}

	@Override
	public String subject() {
		return userId.toString();
	}

}
