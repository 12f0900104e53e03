package io.octavia.core.ledger;

import org.jspecify.annotations.Nullable;

/** Adds a balance monitor to an account of a ledger. */
public record CreateBalanceMonitor(LedgerId ledgerId, AccountId accountId, @Nullable MonitoredBalance balance,
		@Nullable MonitorCondition condition, @Nullable Long amount, @Nullable String description) {

}
