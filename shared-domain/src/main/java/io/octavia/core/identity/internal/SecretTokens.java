package io.octavia.core.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Single-use tokens for links (invitations, password resets, e-mail verification): 256
 * random bits, of which only the SHA-256 is stored.
 * <p>
 * Why no signature (a JWT, an HMAC) is needed: a signature proves that the server made a
 * token; here the proof is that the token's hash is in the database, which only the
 * server writes. Guessing a valid token means guessing 256 random bits; finding a token
 * for a stored hash means a SHA-256 preimage — both as infeasible as forging a signature.
 * Unlike a signed token it can be revoked and used once (a row to update), and a leaked
 * table or backup reveals no usable token.
 */
final class SecretTokens {

	private static final SecureRandom random = new SecureRandom();

	private SecretTokens() {
	}

	/** A new token, in base64url (43 characters), for a link. */
	static String newToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
