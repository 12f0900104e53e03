package io.octavia.client;

/** Keys of the agreed format, made the way the server makes them (checksum included). */
final class TestKeys {

	static final String KEY_ID = "AbCdEfGhIjKlMnOp";

	static final String API_KEY = withChecksum("oct_live_" + KEY_ID + "_0123456789abcdefghijKL");

	static final String SIGNING_SECRET = "octsig_" + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg";

	private TestKeys() {
	}

	static String withChecksum(String body) {
		return body + ApiKey.checksum(body);
	}

}
