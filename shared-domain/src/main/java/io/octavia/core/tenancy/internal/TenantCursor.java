package io.octavia.core.tenancy.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.octavia.core.platform.TimeOrderedCursor;

/**
 * Where a page of the tenant list ended: the sort key (creation time, id) of its last
 * row. Clients get it as an opaque string; its format may change without notice.
 */
public record TenantCursor(Instant createdAt, UUID id) {

	private static final String KIND = "t1";

	public String encode() {
		return new TimeOrderedCursor(createdAt, id).encode(KIND);
	}

	/** The cursor, or empty when the text is not one we made. */
	public static Optional<TenantCursor> decode(String text) {
		return TimeOrderedCursor.decode(KIND, text).map(cursor -> new TenantCursor(cursor.at(), cursor.id()));
	}

}
