package io.octavia.core.authserver;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Client secrets: 256 random bits made by the platform, stored as HMAC-SHA-256 under a
 * server-side pepper ({@code octavia.security.client-secret-pepper}) and compared in
 * constant time. A slow password hash (bcrypt, Argon2) protects low-entropy human
 * passwords; a 256-bit random secret needs none, and the token endpoint must answer
 * hundreds of requests per second. The pepper keeps a leaked table useless on its own.
 */
@Component
class ClientSecrets implements PasswordEncoder {

	private static final String PREFIX = "hmac-sha256:";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec pepper;

	ClientSecrets(@Value("${octavia.security.client-secret-pepper:}") String pepper) {
		if (pepper.isBlank()) {
			throw new IllegalStateException(
					"octavia.security.client-secret-pepper (OCTAVIA_SECURITY_CLIENT_SECRET_PEPPER)"
							+ " is not set: 32 random bytes, base64 (openssl rand -base64 32)");
		}
		byte[] key = Base64.getDecoder().decode(pepper.strip());
		if (key.length < 32) {
			throw new IllegalStateException("octavia.security.client-secret-pepper must be at least 32 bytes");
		}
		this.pepper = new SecretKeySpec(key, "HmacSHA256");
	}

	/** A new secret, shown to its owner once. */
	String generate() {
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		return ENCODER.encodeToString(secret);
	}

	@Override
	public String encode(CharSequence rawSecret) {
		return PREFIX + ENCODER.encodeToString(mac(rawSecret));
	}

	@Override
	public boolean matches(CharSequence rawSecret, String encoded) {
		if (rawSecret == null || encoded == null || !encoded.startsWith(PREFIX)) {
			return false;
		}
		byte[] expected = Base64.getUrlDecoder().decode(encoded.substring(PREFIX.length()));
		return MessageDigest.isEqual(expected, mac(rawSecret));
	}

	private byte[] mac(CharSequence rawSecret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(pepper);
			return mac.doFinal(rawSecret.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is unavailable", ex);
		}
	}

}
