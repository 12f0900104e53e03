package io.octavia.core.apikeys.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The stored form of a key: HMAC-SHA-256 under a key derived from the server's pepper
 * ({@code octavia.security.client-secret-pepper}, shared with the machine-client secrets
 * but separated by the derivation label). A key carries 131 random bits, so no slow hash
 * is needed; the pepper makes a leaked table useless on its own.
 */
@Component
public class KeyHashes {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	/**
	 * Initialized once and cloned per hash: {@code Mac.getInstance} + {@code init} on
	 * every request was a measurable part of an API key's cost (BENCHMARKS.md).
	 */
	private final Mac keyed;

	KeyHashes(@Value("${octavia.security.client-secret-pepper:}") String pepper) {
		if (pepper.isBlank()) {
			throw new IllegalStateException(
					"octavia.security.client-secret-pepper is not set: 32 random bytes, base64");
		}
		byte[] derived = mac(new SecretKeySpec(Base64.getDecoder().decode(pepper.strip()), "HmacSHA256"),
				"octavia-api-keys-v1");
		this.keyed = initialized(new SecretKeySpec(derived, "HmacSHA256"));
	}

	public byte[] hash(String apiKey) {
		try {
			return ((Mac) keyed.clone()).doFinal(apiKey.getBytes(StandardCharsets.UTF_8));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("HMAC-SHA-256 cannot be cloned", ex);
		}
	}

	public String fingerprint(String apiKey) {
		return ENCODER.encodeToString(hash(apiKey));
	}

	private static byte[] mac(SecretKeySpec key, String text) {
		return initialized(key).doFinal(text.getBytes(StandardCharsets.UTF_8));
	}

	private static Mac initialized(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is unavailable", ex);
		}
	}

}
