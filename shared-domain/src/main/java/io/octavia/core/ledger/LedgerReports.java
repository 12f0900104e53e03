package io.octavia.core.ledger;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Financial reports of a ledger, computed from the per-posting point-in-time totals (one
 * index probe per account and point in time, whatever the history's length). Only posted
 * amounts count: pending reservations are not in any report. "As of T" includes postings
 * at T; a period [from, to) includes from and excludes to. Every method acts for the
 * tenant of the current scope; another tenant's ledger or account is
 * {@code ledger_not_found} / {@code ledger_account_not_found}, like an unknown one.
 * Invalid ranges are {@code validation_failed}.
 */
public interface LedgerReports {

	int MAX_SERIES_POINTS = 200;

	TrialBalance trialBalance(LedgerId ledger, Instant asOf, TimeAxis axis);

	BalanceSheet balanceSheet(LedgerId ledger, Instant asOf, TimeAxis axis);

	IncomeStatement incomeStatement(LedgerId ledger, Instant from, Instant to, TimeAxis axis);

	/**
	 * @param cursor {@code nextCursor} of the previous page; null for the first
	 * @param limit 1 to {@value AccountStatement#MAX_LIMIT} lines
	 */
	AccountStatement statement(AccountId account, Instant from, Instant to, TimeAxis axis, @Nullable String cursor,
			int limit);

	/**
	 * The account's posted balance at {@code points} evenly spaced instants from
	 * {@code from} to {@code to} (both included), 2 to {@value #MAX_SERIES_POINTS}.
	 */
	List<BalancePoint> balanceSeries(AccountId account, Instant from, Instant to, int points, TimeAxis axis);

}
