package io.octavia.core.ledger.web;

import org.jspecify.annotations.Nullable;

/**
 * The account list's filters as typed: the start of the code, a type ({@code asset} …), a
 * status ({@code open} or {@code closed}); {@code cursor} continues the list.
 */
public record AccountFilterForm(@Nullable String prefix, @Nullable String type, @Nullable String status,
		@Nullable String cursor) {

}
