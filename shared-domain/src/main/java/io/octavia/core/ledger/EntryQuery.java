package io.octavia.core.ledger;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which entries (or postings) of a ledger to list, newest first (by seq), a page at a
 * time. Time ranges are inclusive at the start and exclusive at the end.
 *
 * @param accountId only those with a posting on this account
 * @param metadata only those whose metadata contains this object (JSON containment)
 * @param cursor {@code nextCursor} of the previous page; null for the first
 * @param limit 1 to {@value #MAX_LIMIT}
 */
public record EntryQuery(LedgerId ledgerId, @Nullable AccountId accountId, @Nullable Instant effectiveFrom,
		@Nullable Instant effectiveTo, @Nullable Instant recordedFrom, @Nullable Instant recordedTo,
		@Nullable String externalReference, @Nullable Map<String, Object> metadata, @Nullable String cursor,
		int limit) {

	public static final int MAX_LIMIT = 200;

	public static final int DEFAULT_LIMIT = 50;

	public static EntryQuery all(LedgerId ledger) {
		return new EntryQuery(ledger, null, null, null, null, null, null, null, null, DEFAULT_LIMIT);
	}

}
