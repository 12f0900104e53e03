package io.octavia.core.ledger;

import java.time.Instant;

/**
 * A posting as stored: what it moved ({@code postedAmount}, and a signed
 * {@code pendingAmount}: positive reserves, negative releases) and the account's totals
 * right after it.
 *
 * @param balanceAfter the account's balance right after this posting (recorded axis)
 */
public record PostingDetails(EntryId entryId, long seq, int index, AccountId accountId, String currency,
		Direction direction, long postedAmount, long pendingAmount, Instant effectiveAt, Instant recordedAt,
		long accountVersion, Balance balanceAfter) {
}
