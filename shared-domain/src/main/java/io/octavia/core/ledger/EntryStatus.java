package io.octavia.core.ledger;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an entry stands: {@code POSTED} (standard entries and the second phase),
 * {@code PENDING} (a reservation not yet resolved), {@code POSTED_PENDING} or
 * {@code VOIDED} (a reservation resolved by a later entry), {@code REVERSED} (a posted
 * entry negated by a reversal).
 */
public enum EntryStatus {

	POSTED, PENDING, POSTED_PENDING, VOIDED, REVERSED;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
