package io.octavia.core.ledger;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An account's posted movements in [from, to) on one time axis, oldest first: the balance
 * before {@code from}, each posting that moved the posted balance with the balance right
 * after it, and the balance before {@code to}. Amounts are minor units; balances are
 * signed to the account's normal side. Long statements come a page at a time
 * ({@code nextCursor}); opening, closing and the period's totals always cover the whole
 * range.
 */
public record AccountStatement(AccountId accountId, LedgerId ledgerId, String code, String name, String currency,
		int exponent, Direction normalBalance, Instant from, Instant to, TimeAxis axis, long openingBalance,
		long totalDebits, long totalCredits, long closingBalance, List<Line> lines, @Nullable String nextCursor) {

	public static final int MAX_LIMIT = 500;

	public static final int DEFAULT_LIMIT = 100;

	/** One posting: {@code debit} or {@code credit} is its posted amount, the other 0. */
	public record Line(EntryId entryId, long seq, EntryKind kind, Instant effectiveAt, Instant recordedAt,
			@Nullable String description, @Nullable String externalReference, long debit, long credit, long balance) {
	}

}
