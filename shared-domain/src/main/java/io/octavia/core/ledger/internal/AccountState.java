package io.octavia.core.ledger.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.Balance;
import io.octavia.core.ledger.Direction;

/**
 * A locked account's row as a write sees it, with the totals the write has reached so far
 * (entries of one batch apply one after the other).
 */
final class AccountState {

	final UUID id;

	final UUID ledgerId;

	final String currency;

	final Direction normal;

	final boolean debitsMustNotExceedCredits;

	final boolean creditsMustNotExceedDebits;

	final @Nullable Long overdraftLimit;

	final boolean closed;

	long postedDebits;

	long postedCredits;

	long pendingDebits;

	long pendingCredits;

	long version;

	@Nullable Instant latestEffectiveAt;

	/** When the account last changed: the recorded_at of its last posting, or later. */
	final Instant lastRecordedAt;

	boolean changed;

	/** Whether the account has balance monitors, which its writes must check. */
	boolean monitored;

	AccountState(UUID id, UUID ledgerId, String currency, Direction normal, boolean debitsMustNotExceedCredits,
			boolean creditsMustNotExceedDebits, @Nullable Long overdraftLimit, boolean closed, long postedDebits,
			long postedCredits, long pendingDebits, long pendingCredits, long version,
			@Nullable Instant latestEffectiveAt, Instant lastRecordedAt) {
		this.id = id;
		this.ledgerId = ledgerId;
		this.currency = currency;
		this.normal = normal;
		this.debitsMustNotExceedCredits = debitsMustNotExceedCredits;
		this.creditsMustNotExceedDebits = creditsMustNotExceedDebits;
		this.overdraftLimit = overdraftLimit;
		this.closed = closed;
		this.postedDebits = postedDebits;
		this.postedCredits = postedCredits;
		this.pendingDebits = pendingDebits;
		this.pendingCredits = pendingCredits;
		this.version = version;
		this.latestEffectiveAt = latestEffectiveAt;
		this.lastRecordedAt = lastRecordedAt;
	}

	Balance balance() {
		return Balance.of(new AccountId(id), currency, normal, postedDebits, postedCredits, pendingDebits,
				pendingCredits, version, null);
	}

	long available() {
		return balance().available();
	}

}
