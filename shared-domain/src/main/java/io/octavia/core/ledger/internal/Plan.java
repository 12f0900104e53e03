package io.octavia.core.ledger.internal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.Direction;
import io.octavia.core.ledger.EntryCondition;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.ledger.EntryKind;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.platform.EventMetadata;

/**
 * An entry ready to be written, whatever command it came from: its postings as the
 * amounts they move (posted, and signed pending).
 *
 * @param effectiveAt null for the time it is recorded
 * @param timeoutSeconds for a pending entry, seconds after recording it voids itself
 * @param requestHash digest of the command, to tell a retry from another entry with the
 * same idempotency key
 * @param cause who asked for the entry and within which request: the metadata of its
 * event and the entry's actor, captured in the caller's thread (the entry may be written
 * by another thread's batch)
 */
record Plan(LedgerId ledgerId, EntryKind kind, List<Line> lines, @Nullable Instant effectiveAt,
		@Nullable Long timeoutSeconds, @Nullable EntryId pendingEntryId, @Nullable EntryId reversesEntryId,
		boolean timedOut, @Nullable String description, @Nullable String externalReference, String metadataJson,
		@Nullable String idempotencyKey, byte[] requestHash, List<EntryCondition> conditions, EventMetadata cause) {

	/**
	 * @param currency what the caller said the currency is; null for the account's
	 */
	record Line(AccountId accountId, Direction direction, long posted, long pending, @Nullable String currency) {
	}

}
