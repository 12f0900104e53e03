package io.octavia.core.ledger;

import org.jspecify.annotations.Nullable;

/**
 * Limits an account's balance, checked on every write that raises the limited side,
 * pending amounts included (as TigerBeetle does).
 *
 * @param debitsMustNotExceedCredits posted + pending debits never exceed posted credits
 * @param creditsMustNotExceedDebits posted + pending credits never exceed posted debits
 * @param overdraftLimit how far the available balance may fall below zero, in minor
 * units; null for no limit
 */
public record AccountBounds(boolean debitsMustNotExceedCredits, boolean creditsMustNotExceedDebits,
		@Nullable Long overdraftLimit) {

	public static final AccountBounds NONE = new AccountBounds(false, false, null);

}
