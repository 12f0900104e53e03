package io.octavia.core.ledger;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An account's balance in minor units of its currency, from its cumulative totals.
 * {@code posted} and {@code pending} are signed to the normal side (positive when the
 * balance is on the side it normally grows on). {@code available} is what may still be
 * spent: the posted balance minus pending amounts that would lower it — for a
 * credit-normal account {@code postedCredits − postedDebits − pendingDebits}, for a
 * debit-normal one {@code postedDebits − postedCredits − pendingCredits}. Incoming
 * pending amounts do not count until posted.
 *
 * @param version the account's lock version after the last posting counted here
 * @param asOf the point in time asked for, or null for the current balance
 */
public record Balance(AccountId accountId, String currency, Direction normalBalance, long postedDebits,
		long postedCredits, long pendingDebits, long pendingCredits, long posted, long pending, long available,
		long version, @Nullable Instant asOf) {

	public static Balance of(AccountId account, String currency, Direction normal, long postedDebits,
			long postedCredits, long pendingDebits, long pendingCredits, long version, @Nullable Instant asOf) {
		boolean credit = normal == Direction.CREDIT;
		long posted = credit ? postedCredits - postedDebits : postedDebits - postedCredits;
		long pending = credit ? pendingCredits - pendingDebits : pendingDebits - pendingCredits;
		long available = posted - (credit ? pendingDebits : pendingCredits);
		return new Balance(account, currency, normal, postedDebits, postedCredits, pendingDebits, pendingCredits,
				posted, pending, available, version, asOf);
	}

}
