package io.octavia.core.ledger;

import org.jspecify.annotations.Nullable;

/**
 * Which accounts of a ledger to list, by code, a page at a time. Every filter given must
 * hold.
 *
 * @param closed true: only closed accounts; false: only open ones; null: both
 * @param parentId only the direct children of this account
 * @param code only the account with exactly this code
 * @param codePrefix only accounts whose code starts with this text (case-sensitive)
 * @param cursor {@code nextCursor} of the previous page; null for the first
 * @param limit 1 to {@value #MAX_LIMIT}
 */
public record AccountQuery(LedgerId ledgerId, @Nullable AccountType type, @Nullable Boolean closed,
		@Nullable String category, @Nullable AccountId parentId, @Nullable String currency, @Nullable String code,
		@Nullable String codePrefix, @Nullable String cursor, int limit) {

	/** The same page sizes as entries and postings. */
	public static final int MAX_LIMIT = EntryQuery.MAX_LIMIT;

	public static final int DEFAULT_LIMIT = EntryQuery.DEFAULT_LIMIT;

	/** The first page of all accounts. */
	public static AccountQuery all(LedgerId ledger, int limit) {
		return new AccountQuery(ledger, null, null, null, null, null, null, null, null, limit);
	}

}
