package io.octavia.core.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Where a page of audit records ended: the sort key (time, id) of its last record.
 * Clients get it as an opaque string; its format may change without notice.
 */
public record AuditCursor(Instant occurredAt, UUID id) {

	private static final String VERSION = "a1";

	public String encode() {
		long micros = TimeUnit.SECONDS.toMicros(occurredAt.getEpochSecond())
				+ TimeUnit.NANOSECONDS.toMicros(occurredAt.getNano());
		String plain = VERSION + ":" + micros + ":" + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
	}

	/** The cursor, or empty when the text is not one we made. */
	public static Optional<AuditCursor> decode(String text) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":");
			if (parts.length != 3 || !parts[0].equals(VERSION)) {
				return Optional.empty();
			}
			long micros = Long.parseLong(parts[1]);
			Instant occurredAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
					Math.floorMod(micros, 1_000_000L) * 1_000L);
			return Optional.of(new AuditCursor(occurredAt, UUID.fromString(parts[2])));
		}
		catch (IllegalArgumentException | java.time.DateTimeException ex) {
			return Optional.empty();
		}
	}

}
