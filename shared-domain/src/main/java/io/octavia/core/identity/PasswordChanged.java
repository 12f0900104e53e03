package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.UserId;

/**
 * @param reset set through a reset link rather than with the current password
 */
public record PasswordChanged(EventMetadata metadata, UserId userId, boolean reset) implements DomainEvent {

	@Override
	public String type() {
		return reset ? "user.password_reset" : "user.password_changed";
	}

	@Override
	public String subject() {
		return userId.toString();
	}

}
