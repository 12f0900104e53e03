package io.octavia.core.audit;

import java.util.Arrays;
import java.util.Locale;

/**
 * What kind of actor acted. Stored in lower case ({@code api_key}); labelled by the
 * message keys {@code ActorKind.USER} etc.
 */
public enum ActorKind {

	/** A person signed in to a tenant. */
	USER,

	/** A machine client of a tenant, through an API key. */
	API_KEY,

	/** The platform itself: a job or a reaction to an event. */
	SYSTEM,

	/** Platform staff acting on tenants from outside them. */
	OPERATOR;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static ActorKind of(String value) {
		return Arrays.stream(values())
			.filter(kind -> kind.value().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown actor kind: " + value));
	}

}
