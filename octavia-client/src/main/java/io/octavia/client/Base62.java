package io.octavia.client;

/**
 * The base62 alphabet of API keys, signing secrets and nonces: {@code 0-9A-Za-z}, in that
 * order.
 */
final class Base62 {

	static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private Base62() {
	}

	/**
	 * {@code value}, read as unsigned, as a base62 number left-padded with '0' to
	 * {@code width} characters (11 hold any long).
	 */
	static String encode(long value, int width) {
		char[] digits = new char[width];
		long rest = value;
		for (int i = width - 1; i >= 0; i--) {
			digits[i] = ALPHABET.charAt((int) Long.remainderUnsigned(rest, 62));
			rest = Long.divideUnsigned(rest, 62);
		}
		if (rest != 0) {
			throw new IllegalArgumentException(
					Long.toUnsignedString(value) + " needs more than " + width + " base62 digits");
		}
		return new String(digits);
	}

}
