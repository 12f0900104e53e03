package io.octavia.core.ledger;

import org.jspecify.annotations.Nullable;

/**
 * One line of a new entry: {@code amount} minor units (more than zero) on one side of an
 * account.
 *
 * @param currency the currency the caller means; null for the account's. When given, it
 * must be the account's ({@code ledger_currency_mismatch} otherwise).
 */
public record PostingLine(AccountId accountId, Direction direction, long amount, @Nullable String currency) {

	public static PostingLine debit(AccountId account, long amount) {
		return new PostingLine(account, Direction.DEBIT, amount, null);
	}

	public static PostingLine credit(AccountId account, long amount) {
		return new PostingLine(account, Direction.CREDIT, amount, null);
	}

}
