package io.octavia.core.ledger;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a ledger hash chain is broken at a link; labelled by the message keys
 * {@code ChainBreak.*}.
 */
public enum ChainBreak {

	/** The entry's own columns no longer match its link: the entry was changed. */
	ENTRY_CHANGED,

	/** Its postings (amounts, accounts, sides, …) are not those it was sealed with. */
	POSTING_CHANGED,

	/**
	 * A link is missing: no entry holds this place, or the chain ends before its recorded
	 * head. Entries were removed.
	 */
	LINK_MISSING;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
