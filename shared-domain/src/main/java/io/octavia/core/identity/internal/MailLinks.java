package io.octavia.core.identity.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.platform.crypto.EnvelopeEncryption;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The links mailed to users, sealed so the outbox (which keeps every event) never holds a
 * usable token; only the mail sender opens them.
 */
@Component
class MailLinks {

	static final String INVITATION = "/account/invitation";

	static final String PASSWORD_RESET = "/account/password-reset";

	static final String EMAIL_VERIFICATION = "/account/email-verification";

	private final Environment environment;

	private final EnvelopeEncryption encryption;

	MailLinks(Environment environment, EnvelopeEncryption encryption) {
		this.environment = environment;
		this.encryption = encryption;
	}

	String sealed(String path, String token) {
		String link = publicUrl() + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
		return encryption.seal(link, IdentityManagement.MAIL_LINK_PURPOSE);
	}

	/**
	 * {@code octavia.public-url}, else this node on localhost: read when a link is made,
	 * since a random port ({@code server.port=0}) is known only once the server runs.
	 */
	private String publicUrl() {
		String configured = environment.getProperty("octavia.public-url");
		if (configured != null && !configured.isBlank()) {
			return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
		}
		return "http://localhost:"
				+ environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
	}

}
