package io.octavia.core.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The text of API keys and signing secrets (docs/api-keys.md):
 * {@code oct_<mode>_<keyId>_<secret><checksum>} with a 16-character public key id, a
 * 22-character random secret (about 131 bits) and a 6-character CRC32 checksum, all
 * base62. The checksum lets secret scanners and the gateway refuse a mistyped or
 * truncated key without looking anything up. Pure functions: usable (and benchmarked)
 * without Spring.
 */
public final class ApiKeyFormat {

	/** Base62 digits in ascending order. */
	public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	public static final int KEY_ID_LENGTH = 16;

	public static final int SECRET_LENGTH = 22;

	public static final int CHECKSUM_LENGTH = 6;

	public static final String SIGNING_SECRET_PREFIX = "octsig_";

	public static final int SIGNING_SECRET_LENGTH = 43;

	/** What secret scanners look for; documented in docs/api-keys.md. */
	public static final String SCANNER_REGEX = "\\boct_(live|test)_[0-9A-Za-z]{16}_[0-9A-Za-z]{28}\\b";

	private static final Pattern SHAPE = Pattern.compile("oct_(live|test)_([0-9A-Za-z]{16})_([0-9A-Za-z]{28})");

	private static final SecureRandom random = new SecureRandom();

	/** The parts of a key whose shape and checksum are right. */
	public record ParsedKey(ApiKeyMode mode, String keyId, String key) {
	}

	private ApiKeyFormat() {
	}

	/** A new key with a fresh random key id. */
	public static String newKey(ApiKeyMode mode) {
		return newKey(mode, randomBase62(KEY_ID_LENGTH));
	}

	/** A new key with the given key id and a fresh random secret. */
	public static String newKey(ApiKeyMode mode, String keyId) {
		String body = "oct_" + mode.value() + "_" + keyId + "_" + randomBase62(SECRET_LENGTH);
		return body + checksum(body);
	}

	public static String newKeyId() {
		return randomBase62(KEY_ID_LENGTH);
	}

	/** {@code octsig_} and 43 random base62 characters (about 256 bits). */
	public static String newSigningSecret() {
		return SIGNING_SECRET_PREFIX + randomBase62(SIGNING_SECRET_LENGTH);
	}

	/**
	 * Checks the shape and the checksum of a key, offline.
	 * @return the key's parts, or empty for anything that is not a well-formed key
	 */
	public static Optional<ParsedKey> parse(String text) {
		if (text.length() != 4 + 5 + KEY_ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH) {
			return Optional.empty();
		}
		var matcher = SHAPE.matcher(text);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		int split = text.length() - CHECKSUM_LENGTH;
		if (!checksum(text.substring(0, split)).equals(text.substring(split))) {
			return Optional.empty();
		}
		return Optional.of(new ParsedKey(ApiKeyMode.of(matcher.group(1)), matcher.group(2), text));
	}

	/** The visible beginning of a key: {@code oct_<mode>_<keyId>}, safe to show. */
	public static String prefix(ApiKeyMode mode, String keyId) {
		return "oct_" + mode.value() + "_" + keyId;
	}

	/** CRC32 of the UTF-8 bytes, as 6 base62 digits (left-padded with 0). */
	public static String checksum(String body) {
		CRC32 crc = new CRC32();
		crc.update(body.getBytes(StandardCharsets.UTF_8));
		long value = crc.getValue();
		char[] digits = new char[CHECKSUM_LENGTH];
		for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
			digits[i] = ALPHABET.charAt((int) (value % 62));
			value /= 62;
		}
		return new String(digits);
	}

	private static String randomBase62(int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			// nextInt(62) is uniform: no modulo bias
			chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
		}
		return new String(chars);
	}

}
