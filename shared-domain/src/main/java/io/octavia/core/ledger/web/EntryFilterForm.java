package io.octavia.core.ledger.web;

import org.jspecify.annotations.Nullable;

/**
 * The entry explorer's filters as typed: an account id (from the ledger's accounts), an
 * effective range of UTC days, an external reference and a JSON object the metadata must
 * contain; {@code cursor} continues a listing.
 */
public record EntryFilterForm(@Nullable String account, @Nullable String from, @Nullable String to,
		@Nullable String reference, @Nullable String metadata, @Nullable String cursor) {

	public static EntryFilterForm empty() {
		return new EntryFilterForm(null, null, null, null, null, null);
	}

}
