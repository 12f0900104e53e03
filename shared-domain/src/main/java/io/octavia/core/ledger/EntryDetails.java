package io.octavia.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A journal entry with its postings.
 *
 * @param seq its place in the tenant's order of entries (and, once sealed, in the hash
 * chain)
 * @param resolvedBy for a pending entry: the entry that posted or voided it
 * @param reversedBy the reversal of this entry, if any
 */
public record EntryDetails(EntryId id, LedgerId ledgerId, long seq, EntryKind kind, EntryStatus status,
		@Nullable EntryId pendingEntryId, @Nullable EntryId reversesEntryId, @Nullable EntryId resolvedBy,
		@Nullable EntryId reversedBy, Instant effectiveAt, Instant recordedAt, @Nullable Instant timeoutAt,
		@Nullable String description, @Nullable String externalReference, Map<String, Object> metadata,
		@Nullable String idempotencyKey, List<PostingDetails> postings) {
}
