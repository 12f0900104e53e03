package io.octavia.core.tenancy.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Where a page of the tenant list ended: the sort key of its last row. Clients get it as
 * an opaque string; its format may change without notice.
 */
public record TenantCursor(Instant createdAt, UUID id) {

	private static final String VERSION = "t1";

	public String encode() {
		long micros = TimeUnit.SECONDS.toMicros(createdAt.getEpochSecond())
				+ TimeUnit.NANOSECONDS.toMicros(createdAt.getNano());
		String plain = VERSION + ":" + micros + ":" + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
	}

	/** The cursor, or empty when the text is not one we made. */
	public static Optional<TenantCursor> decode(String text) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":");
			if (parts.length != 3 || !parts[0].equals(VERSION)) {
				return Optional.empty();
			}
			long micros = Long.parseLong(parts[1]);
			Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
					Math.floorMod(micros, 1_000_000L) * 1_000L);
			return Optional.of(new TenantCursor(createdAt, UUID.fromString(parts[2])));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
