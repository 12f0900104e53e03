package io.octavia.core.identity;

import java.util.Locale;

/** Where an invitation stands; {@code expired} is derived from the time. */
public enum InvitationStatus {

	PENDING, ACCEPTED, REVOKED, EXPIRED;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
