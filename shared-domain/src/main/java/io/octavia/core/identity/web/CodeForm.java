package io.octavia.core.identity.web;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.TotpEnrolment;

/**
 * A code from the authenticator app. While enrolling, the form also carries the seed it
 * showed, so a mistyped code can be tried again without starting over.
 */
public record CodeForm(@Nullable String code, @Nullable String secret, @Nullable String otpauthUri) {

	/** The enrolment the form was showing, if it was one we could have issued. */
	@Nullable TotpEnrolment enrolment() {
		if (secret == null || otpauthUri == null || !secret.matches("[A-Z2-7]{16,128}=*")
				|| !otpauthUri.startsWith("otpauth://totp/")) {
			return null;
		}
		return new TotpEnrolment(secret, otpauthUri);
	}

	String codeOrBlank() {
		return (code != null) ? code.strip().replace(" ", "") : "";
	}

}
