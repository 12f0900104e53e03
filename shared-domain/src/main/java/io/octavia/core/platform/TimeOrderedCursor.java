package io.octavia.core.platform;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Where a page sorted by (time, id) ended, as the opaque string clients send back. The
 * {@code kind} prefix keeps a cursor of one list from being accepted by another; times
 * keep PostgreSQL's microsecond precision.
 */
public record TimeOrderedCursor(Instant at, UUID id) {

	public String encode(String kind) {
		long micros = TimeUnit.SECONDS.toMicros(at.getEpochSecond()) + TimeUnit.NANOSECONDS.toMicros(at.getNano());
		String plain = kind + ":" + micros + ":" + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
	}

	/** The cursor, or empty when the text is not one made for {@code kind}. */
	public static Optional<TimeOrderedCursor> decode(String kind, String text) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":");
			if (parts.length != 3 || !parts[0].equals(kind)) {
				return Optional.empty();
			}
			long micros = Long.parseLong(parts[1]);
			Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
					Math.floorMod(micros, 1_000_000L) * 1_000L);
			return Optional.of(new TimeOrderedCursor(at, UUID.fromString(parts[2])));
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			return Optional.empty();
		}
	}

}
