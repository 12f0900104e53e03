package io.octavia.client;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * An Octavia API key, {@code oct_live_<keyId>_<secret><checksum>} (or
 * {@code oct_test_…}): a 16-character public key id, a 22-character secret and a
 * 6-character CRC32 checksum of everything before it, all base62. Parsing checks shape
 * and checksum, so a mistyped or truncated key fails here instead of as a 401 from the
 * server.
 */
public final class ApiKey {

	private static final Pattern SHAPE = Pattern.compile("oct_(live|test)_([0-9A-Za-z]{16})_[0-9A-Za-z]{28}");

	private static final int CHECKSUM_LENGTH = 6;

	private final String value;

	private final String keyId;

	private final boolean live;

	private ApiKey(String value, String keyId, boolean live) {
		this.value = value;
		this.keyId = keyId;
		this.live = live;
	}

	/**
	 * The key, checked for shape and checksum.
	 * @throws IllegalArgumentException naming what is wrong, without repeating the key
	 */
	public static ApiKey parse(String value) {
		var matcher = SHAPE.matcher(value.strip());
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"not an Octavia API key: expected oct_live_ or oct_test_, a 16-character key id, '_' and 28 characters");
		}
		String key = matcher.group();
		String body = key.substring(0, key.length() - CHECKSUM_LENGTH);
		if (!checksum(body).equals(key.substring(body.length()))) {
			throw new IllegalArgumentException("the API key's checksum does not match: was it copied completely?");
		}
		return new ApiKey(key, matcher.group(2), matcher.group(1).equals("live"));
	}

	/** CRC32 of the UTF-8 bytes of {@code body} as 6 base62 digits. */
	static String checksum(String body) {
		CRC32 crc = new CRC32();
		crc.update(body.getBytes(StandardCharsets.UTF_8));
		return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
	}

	/** The public part, also the {@code keyid} of request signatures. */
	public String keyId() {
		return this.keyId;
	}

	/** Whether this is a live key ({@code oct_live_}) rather than a test key. */
	public boolean live() {
		return this.live;
	}

	/** The whole key, as sent in {@code Authorization: Bearer}. */
	public String value() {
		return this.value;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ApiKey key) && key.value.equals(this.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	/** Never the secret: keys end up in logs through toString. */
	@Override
	public String toString() {
		return "oct_" + (this.live ? "live" : "test") + "_" + this.keyId + "_…";
	}

}
