package io.octavia.core.ledger;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The side of an account a posting moves, and the side its balance normally grows on. */
public enum Direction {

	DEBIT, CREDIT;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public Direction opposite() {
		return (this == DEBIT) ? CREDIT : DEBIT;
	}

	@JsonCreator
	public static Direction of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
