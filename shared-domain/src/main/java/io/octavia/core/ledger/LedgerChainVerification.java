package io.octavia.core.ledger;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.TenantId;

/**
 * The outcome of recomputing a tenant's ledger hash chain.
 *
 * @param intact whether every sealed entry and its postings are unchanged, in place and
 * linked
 * @param verifiedEntries links checked and found intact (up to the first break)
 * @param pendingEntries entries not sealed yet (the sealer adds them once they are older
 * than its safety margin)
 * @param firstBrokenLink where the chain first breaks; null when intact
 * @param headHash hex hash of the last link, to keep elsewhere and compare later; null
 * for an empty or a broken chain
 */
public record LedgerChainVerification(TenantId tenantId, boolean intact, long verifiedEntries, long pendingEntries,
		@Nullable BrokenLink firstBrokenLink, @Nullable String headHash, Instant verifiedAt) {

	/**
	 * Where the chain breaks.
	 *
	 * @param position the place in the chain (from 1)
	 * @param entryId the entry at that place; null when it is missing
	 * @param seq that entry's sequence number; null when it is missing
	 * @param expectedHash hex hash recomputed from the entry and its postings as they are
	 * now; null when the entry is missing
	 * @param storedHash hex hash stored when it was sealed (for a missing link: the chain
	 * head's)
	 */
	public record BrokenLink(long position, @Nullable EntryId entryId, @Nullable Long seq,
			@Nullable String expectedHash, @Nullable String storedHash, ChainBreak reason) {
	}

}
