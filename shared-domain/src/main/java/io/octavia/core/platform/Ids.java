package io.octavia.core.platform;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7): new rows append to the end of B-tree indexes
 * instead of splitting pages at random, and ids sort by creation time.
 */
public final class Ids {

	private static final SecureRandom random = new SecureRandom();

	private Ids() {
	}

	public static UUID newId() {
		long millis = System.currentTimeMillis();
		long randomA = random.nextLong();
		long randomB = random.nextLong();
		long msb = (millis << 16) | 0x7000L | (randomA & 0x0FFFL);
		long lsb = (randomB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb);
	}

}
