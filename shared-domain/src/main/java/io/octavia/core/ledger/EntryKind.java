package io.octavia.core.ledger;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an entry does: {@code STANDARD} moves posted amounts; {@code PENDING} reserves
 * (moves pending amounts only); {@code POST_PENDING} posts all or part of a pending entry
 * and releases the rest; {@code VOID_PENDING} releases a pending entry.
 */
public enum EntryKind {

	STANDARD, PENDING, POST_PENDING, VOID_PENDING;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static EntryKind of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
