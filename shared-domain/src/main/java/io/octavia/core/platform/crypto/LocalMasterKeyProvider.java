package io.octavia.core.platform.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The master key from configuration ({@code octavia.security.master-key}: 32 random
 * bytes, base64; {@code openssl rand -base64 32}). Development mode generates one into
 * its data directory. Its id is a fingerprint of the key, so a changed key is detected
 * instead of producing garbage.
 */
@Component
class LocalMasterKeyProvider implements KeyProvider {

	private static final int NONCE_BYTES = 12;

	private final SecureRandom random = new SecureRandom();

	private final SecretKey masterKey;

	private final String keyId;

	LocalMasterKeyProvider(@Value("${octavia.security.master-key:}") String masterKey) {
		if (masterKey.isBlank()) {
			throw new IllegalStateException("octavia.security.master-key (OCTAVIA_SECURITY_MASTER_KEY) is not set: "
					+ "32 random bytes, base64 (openssl rand -base64 32)");
		}
		byte[] bytes = Base64.getDecoder().decode(masterKey.strip());
		if (bytes.length != 32) {
			throw new IllegalStateException("octavia.security.master-key must be 32 bytes (base64 of 32 random bytes)");
		}
		this.masterKey = new SecretKeySpec(bytes, "AES");
		this.keyId = "local-" + fingerprint(bytes);
	}

	@Override
	public String keyId() {
		return keyId;
	}

	@Override
	public byte[] wrap(byte[] dataKey) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(128, nonce));
			byte[] wrapped = cipher.doFinal(dataKey);
			byte[] result = new byte[NONCE_BYTES + wrapped.length];
			System.arraycopy(nonce, 0, result, 0, NONCE_BYTES);
			System.arraycopy(wrapped, 0, result, NONCE_BYTES, wrapped.length);
			return result;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not wrap a data key", ex);
		}
	}

	@Override
	public byte[] unwrap(String keyId, byte[] wrappedDataKey) {
		if (!this.keyId.equals(keyId)) {
			throw new IllegalArgumentException("Sealed with master key " + keyId + ", but the configured one is "
					+ this.keyId + ": was octavia.security.master-key changed?");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(128, wrappedDataKey, 0, NONCE_BYTES));
			return cipher.doFinal(wrappedDataKey, NONCE_BYTES, wrappedDataKey.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("Could not unwrap a data key", ex);
		}
	}

	private static String fingerprint(byte[] key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
