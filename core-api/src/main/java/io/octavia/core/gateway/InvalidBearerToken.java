package io.octavia.core.gateway;

import io.octavia.core.platform.DomainProblem;

/**
 * A bearer token the gateway refuses: the {@code invalid_token} problem, and the RFC 6750
 * challenge that tells a client why (ASCII text without quotes, as the header demands).
 */
class InvalidBearerToken extends DomainProblem {

	private final String description;

	InvalidBearerToken(String description) {
		super(Kind.UNAUTHORIZED, "invalid_token");
		this.description = description;
	}

	String challenge() {
		return "Bearer error=\"invalid_token\", error_description=\"" + description + "\"";
	}

}
