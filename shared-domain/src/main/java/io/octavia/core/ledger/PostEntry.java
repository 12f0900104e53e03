package io.octavia.core.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes a journal entry: two or more postings on accounts of one ledger that balance per
 * currency (debits = credits).
 *
 * @param pending reserve only (two-phase): pending totals move, posted ones do not, until
 * the entry is posted or voided
 * @param timeout for a pending entry: it voids itself this long after it was recorded;
 * null for never
 * @param effectiveAt business time (may be back-dated into an open period); null for now
 * @param idempotencyKey unique per tenant: a retry with the same key and content returns
 * the original entry, with other content is refused
 * @param conditions checked with the accounts locked, before anything is written
 */
public record PostEntry(LedgerId ledgerId, List<PostingLine> postings, boolean pending, @Nullable Duration timeout,
		@Nullable Instant effectiveAt, @Nullable String description, @Nullable String externalReference,
		@Nullable Map<String, Object> metadata, @Nullable String idempotencyKey, List<EntryCondition> conditions) {

	/** A plain posted entry. */
	public static PostEntry of(LedgerId ledger, List<PostingLine> postings, @Nullable String idempotencyKey) {
		return new PostEntry(ledger, postings, false, null, null, null, null, null, idempotencyKey, List.of());
	}

}
