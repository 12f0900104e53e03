package io.octavia.core.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Service;

/**
 * Envelope encryption for secrets the platform must read back (token signing keys, TOTP
 * seeds, request-signing secrets): each secret gets a fresh AES-256 data key, the data
 * key is wrapped by the {@link KeyProvider}, and both travel together as one string
 * {@code v1.<keyId>.<wrapped key>.<nonce + ciphertext>} (base64url). The purpose is bound
 * as associated data, so a sealed TOTP seed cannot be replayed as a signing key.
 */
@Service
public class EnvelopeEncryption {

	private static final String VERSION = "v1";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecureRandom random = new SecureRandom();

	private final KeyProvider keys;

	EnvelopeEncryption(KeyProvider keys) {
		this.keys = keys;
	}

	/**
	 * @param purpose what the secret is for, e.g. {@code totp-seed}; the same purpose
	 * must be given to {@link #open}
	 */
	public String seal(byte[] plaintext, String purpose) {
		try {
			KeyGenerator generator = KeyGenerator.getInstance("AES");
			generator.init(256, random);
			SecretKey dataKey = generator.generateKey();
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			byte[] ciphertext = cipher.doFinal(plaintext);
			byte[] body = ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array();
			return String.join(".", VERSION, keys.keyId(), ENCODER.encodeToString(keys.wrap(dataKey.getEncoded())),
					ENCODER.encodeToString(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not seal a secret", ex);
		}
	}

	public String seal(String plaintext, String purpose) {
		return seal(plaintext.getBytes(StandardCharsets.UTF_8), purpose);
	}

	/**
	 * @throws IllegalArgumentException when the sealed value is malformed, was sealed for
	 * another purpose or was altered
	 */
	public byte[] open(String sealed, String purpose) {
		String[] parts = sealed.split("\\.");
		if (parts.length != 4 || !VERSION.equals(parts[0])) {
			throw new IllegalArgumentException("Not a sealed secret");
		}
		try {
			byte[] dataKey = keys.unwrap(parts[1], DECODER.decode(parts[2]));
			byte[] body = DECODER.decode(parts[3]);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"),
					new GCMParameterSpec(TAG_BITS, body, 0, NONCE_BYTES));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(body, NONCE_BYTES, body.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("The sealed secret does not open: altered or sealed for another purpose",
					ex);
		}
	}

	public String openString(String sealed, String purpose) {
		return new String(open(sealed, purpose), StandardCharsets.UTF_8);
	}

}
