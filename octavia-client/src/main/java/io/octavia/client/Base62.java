package io.octavia.client;

import java.security.SecureRandom;

/**
 * The base62 alphabet of API keys, signing secrets and nonces: {@code 0-9A-Za-z}, in that
 * order.
 */
final class Base62 {

	static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private Base62() {
	}

	/**
	 * {@code value} as a base62 number, left-padded with '0' to {@code width} characters.
	 */
	static String encode(long value, int width) {
		if (value < 0) {
			throw new IllegalArgumentException("negative value " + value);
		}
		char[] digits = new char[width];
		long rest = value;
		for (int i = width - 1; i >= 0; i--) {
			digits[i] = ALPHABET.charAt((int) (rest % 62));
			rest /= 62;
		}
		if (rest != 0) {
			throw new IllegalArgumentException(value + " needs more than " + width + " base62 digits");
		}
		return new String(digits);
	}

	static String random(SecureRandom random, int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = ALPHABET.charAt(random.nextInt(62));
		}
		return new String(chars);
	}

	static boolean isBase62(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (ALPHABET.indexOf(text.charAt(i)) < 0) {
				return false;
			}
		}
		return true;
	}

}
