package io.octavia.core.ledger;

import java.util.Locale;

/**
 * What an entry does: {@code STANDARD} moves posted amounts; {@code PENDING} reserves
 * (moves pending amounts only); {@code POST_PENDING} posts all or part of a pending entry
 * and releases the rest; {@code VOID_PENDING} releases a pending entry.
 */
public enum EntryKind {

	STANDARD, PENDING, POST_PENDING, VOID_PENDING;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static EntryKind of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
