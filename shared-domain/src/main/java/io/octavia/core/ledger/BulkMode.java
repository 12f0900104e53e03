package io.octavia.core.ledger;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a bulk post treats its entries: {@code ATOMIC} writes all of them in one
 * transaction or none (every refused entry is reported by index); {@code INDEPENDENT}
 * writes each on its own and reports each one's result.
 */
public enum BulkMode {

	ATOMIC, INDEPENDENT;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static BulkMode of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
