package io.octavia.core.ledger;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A threshold on an account's balance: a write that moves the balance across it (before
 * on one side, after on the other) publishes {@link BalanceThresholdCrossed}.
 *
 * @param amount the threshold in minor units of the account's currency, signed like the
 * balance (to the account's normal side)
 */
public record BalanceMonitor(BalanceMonitorId id, LedgerId ledgerId, AccountId accountId, MonitoredBalance balance,
		MonitorCondition condition, long amount, String currency, @Nullable String description, Instant createdAt) {

}
