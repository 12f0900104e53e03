package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.UserId;

/** A user turned TOTP two-factor sign-in on or off. */
public record SecondFactorChanged(EventMetadata metadata, UserId userId, boolean enabled) implements DomainEvent {

	@Override
	public String type() {
		return enabled ? "user.mfa_enabled" : "user.mfa_disabled";
	}

	@Override
	public String subject() {
		return userId.toString();
	}

}
