package io.octavia.core.ledger;

import java.util.List;

/**
 * Balance monitors on accounts, for the tenant of the current
 * {@link io.octavia.core.platform.TenantContext}. Every ledger write checks the monitors
 * of the accounts it moves in its own transaction and publishes
 * {@link BalanceThresholdCrossed} through the outbox when a balance crosses a threshold.
 */
public interface LedgerMonitors {

	/** Monitors one account may have. */
	int MAX_PER_ACCOUNT = 20;

	/**
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed},
	 * {@code ledger_account_not_found}
	 */
	BalanceMonitor createMonitor(CreateBalanceMonitor command);

	/**
	 * The account's monitors, oldest first.
	 * @throws io.octavia.core.platform.DomainProblem {@code ledger_account_not_found}
	 */
	List<BalanceMonitor> monitors(LedgerId ledger, AccountId account);

	/**
	 * @throws io.octavia.core.platform.DomainProblem {@code ledger_monitor_not_found}
	 */
	void deleteMonitor(LedgerId ledger, AccountId account, BalanceMonitorId monitor);

}
