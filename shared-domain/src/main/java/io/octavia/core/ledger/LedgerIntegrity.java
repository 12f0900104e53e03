package io.octavia.core.ledger;

/**
 * The ledger's integrity checks: the per-tenant hash chain over entries and the
 * invariants of double entry. Chain and invariant methods act for the tenant of the
 * current {@link io.octavia.core.platform.TenantContext}, except {@link #sealChains()},
 * which is the background job's work across tenants (ids only, then each chain in its own
 * tenant's scope). See docs/ledger.md (Hash chain, Invariants).
 */
public interface LedgerIntegrity {

	/**
	 * Recomputes the tenant's chain from its first link, in one snapshot, and reports the
	 * first broken link, if any. Entries not sealed yet are counted, not checked.
	 */
	LedgerChainVerification verifyChain();

	/**
	 * Seals, in every tenant's chain, the entries inserted longer ago than the safety
	 * margin, now rather than at the sealer's next run. Safe on several nodes at once.
	 * @return how many entries were sealed
	 */
	long sealChains();

	/**
	 * Checks a ledger's invariants: per currency the debits equal the credits (posted and
	 * pending), every account's totals and version are the sums and count of its
	 * postings, and its last posting carries those totals on both time axes. Also sets
	 * the {@value #VIOLATIONS_METRIC} gauge for this ledger, and logs an error for a
	 * violation.
	 * @throws io.octavia.core.platform.DomainProblem {@code ledger_not_found}
	 */
	InvariantReport checkInvariants(LedgerId ledger);

	/** The gauge of invariant violations found by the latest checks, tagged by kind. */
	String VIOLATIONS_METRIC = "octavia.ledger.invariant.violations";

}
