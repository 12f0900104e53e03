package io.octavia.core.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * The ledger's public API. Everything acts for the tenant of the current
 * {@link io.octavia.core.platform.TenantContext} (row-level security hides every other
 * tenant's ledgers, accounts and entries, even by id). Refusals are
 * {@link io.octavia.core.platform.DomainProblem}s with the codes listed in
 * docs/problems.md (Ledger section); nothing is written when one is thrown.
 * <p>
 * Writes lock the accounts they touch in a fixed order (by id), check bounds, conditions
 * and periods, append the entry and its postings and update the accounts' totals in one
 * short transaction. They must not be called inside a caller's transaction that holds
 * other locks.
 */
public interface LedgerManagement {

	// ledgers

	/**
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed},
	 * {@code ledger_code_taken}
	 */
	LedgerDetails createLedger(CreateLedger command);

	Optional<LedgerDetails> findLedger(LedgerId id);

	/** The tenant's ledgers, by code. */
	List<LedgerDetails> ledgers();

	// accounts

	/**
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed},
	 * {@code ledger_not_found}, {@code ledger_account_code_taken}
	 */
	AccountDetails openAccount(CreateAccount command);

	Optional<AccountDetails> findAccount(AccountId id);

	/**
	 * The accounts of a ledger the query selects, by code, a page at a time.
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed} (limit,
	 * cursor, code or codePrefix), {@code ledger_not_found}
	 */
	AccountPage accounts(AccountQuery query);

	/**
	 * The accounts with these ids, in no particular order; unknown ids (and other
	 * tenants' accounts) are left out. One query by primary key, for showing the codes of
	 * accounts a page refers to.
	 */
	List<AccountDetails> findAccounts(Collection<AccountId> ids);

	/** Changes name, category, parent, metadata or bounds, with the account locked. */
	AccountDetails updateAccount(AccountId id, UnaryOperator<UpdateAccount> change);

	/** A closed account takes no new postings; its history stays. */
	AccountDetails closeAccount(AccountId id);

	AccountDetails reopenAccount(AccountId id);

	// entries

	/** Writes one entry, standard or pending. */
	EntryResult post(PostEntry command);

	/** Up to {@value BulkPost#MAX_ENTRIES} entries, atomic or each on its own. */
	BulkResult postBulk(BulkPost command);

	/** Second phase: posts a pending entry, fully or in part. */
	EntryResult postPending(PostPending command);

	/** Second phase: releases a pending entry. */
	EntryResult voidPending(VoidPending command);

	/** Writes the entry that negates a posted one. */
	EntryResult reverse(ReverseEntry command);

	Optional<EntryDetails> findEntry(EntryId id);

	/**
	 * Entries newest first. Filtered by an account, they come in that account's order
	 * (recorded time, then account version), which is their seq order too.
	 */
	EntryPage entries(EntryQuery query);

	/**
	 * Postings (of the entries the query selects; of one account if it names one), in the
	 * same order as {@link #entries}.
	 */
	PostingPage postings(EntryQuery query);

	// balances

	/**
	 * @throws io.octavia.core.platform.DomainProblem {@code ledger_account_not_found}
	 */
	Balance balance(AccountId account);

	/**
	 * The balance as it was at {@code at} on the given time axis: the totals of the
	 * account's last posting at or before it (zero before the first).
	 */
	Balance balanceAsOf(AccountId account, Instant at, TimeAxis axis);

	/**
	 * The balance now ({@code at} null) or as of {@code at} on the axis, of an account of
	 * the given ledger, in one statement: the API's lookup, which must not show an
	 * account under another ledger's path.
	 * @throws io.octavia.core.platform.DomainProblem {@code ledger_account_not_found},
	 * also when the account belongs to another ledger
	 */
	Balance balanceIn(LedgerId ledger, AccountId account, @Nullable Instant at, TimeAxis axis);

	// accounting periods

	/**
	 * @throws io.octavia.core.platform.DomainProblem {@code ledger_period_overlaps}
	 */
	PeriodDetails createPeriod(CreatePeriod command);

	List<PeriodDetails> periods(LedgerId ledger);

	/** From now on, entries effective inside the period are refused. */
	PeriodDetails closePeriod(PeriodId id);

	/** Lets entries into the period again; a privileged act ({@code ledger:admin}). */
	PeriodDetails reopenPeriod(PeriodId id);

}
