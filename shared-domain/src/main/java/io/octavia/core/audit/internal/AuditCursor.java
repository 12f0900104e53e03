package io.octavia.core.audit.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.octavia.core.platform.TimeOrderedCursor;

/**
 * Where a page of audit records ended: the sort key (time, id) of its last record.
 * Clients get it as an opaque string; its format may change without notice.
 */
public record AuditCursor(Instant occurredAt, UUID id) {

	private static final String KIND = "a1";

	public String encode() {
		return new TimeOrderedCursor(occurredAt, id).encode(KIND);
	}

	/** The cursor, or empty when the text is not one we made. */
	public static Optional<AuditCursor> decode(String text) {
		return TimeOrderedCursor.decode(KIND, text).map(cursor -> new AuditCursor(cursor.at(), cursor.id()));
	}

}
