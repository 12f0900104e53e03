package io.octavia.core.ledger.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.InvariantViolation;
import io.octavia.core.ledger.InvariantViolation.Kind;
import io.octavia.core.platform.TenantId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The invariants of double entry as SQL over one ledger, inside the caller's transaction
 * and tenant scope (see docs/ledger.md, Invariants). Each statement reads the ledger's
 * postings once; none takes a lock.
 */
@Component
class InvariantChecks {

	private static final String[] TOTALS = { "posted_debits", "posted_credits", "pending_debits", "pending_credits",
			"version" };

	private static final String[] POSTING_TOTALS = { "after_posted_debits", "after_posted_credits",
			"after_pending_debits", "after_pending_credits", "eff_posted_debits", "eff_posted_credits",
			"eff_pending_debits", "eff_pending_credits" };

	private final JdbcTemplate jdbc;

	InvariantChecks(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	long accounts(TenantId tenant, UUID ledger) {
		Long count = jdbc.queryForObject("SELECT count(*) FROM ledger_account WHERE tenant_id = ? AND ledger_id = ?",
				Long.class, tenant.value(), ledger);
		return (count != null) ? count : 0;
	}

	List<InvariantViolation> check(TenantId tenant, UUID ledger) {
		List<InvariantViolation> violations = new ArrayList<>();
		unbalanced(tenant, ledger, violations);
		accountTotals(tenant, ledger, violations);
		postingBalances(tenant, ledger, violations);
		return violations;
	}

	/** Per currency, Σ debits = Σ credits, posted and pending. */
	private void unbalanced(TenantId tenant, UUID ledger, List<InvariantViolation> violations) {
		jdbc.query("""
				SELECT currency,
				       coalesce(sum(posted_amount) FILTER (WHERE direction = 'debit'), 0),
				       coalesce(sum(posted_amount) FILTER (WHERE direction = 'credit'), 0),
				       coalesce(sum(pending_amount) FILTER (WHERE direction = 'debit'), 0),
				       coalesce(sum(pending_amount) FILTER (WHERE direction = 'credit'), 0)
				FROM ledger_posting WHERE tenant_id = ? AND ledger_id = ?
				GROUP BY currency ORDER BY currency""", rs -> {
			if (rs.getLong(2) != rs.getLong(3)) {
				violations.add(new InvariantViolation(Kind.UNBALANCED, null, rs.getString(1), "posted", rs.getLong(2),
						rs.getLong(3)));
			}
			if (rs.getLong(4) != rs.getLong(5)) {
				violations.add(new InvariantViolation(Kind.UNBALANCED, null, rs.getString(1), "pending", rs.getLong(4),
						rs.getLong(5)));
			}
		}, tenant.value(), ledger);
	}

	/** Every account's four totals and version are the sums and count of its postings. */
	private void accountTotals(TenantId tenant, UUID ledger, List<InvariantViolation> violations) {
		jdbc.query("""
				SELECT a.account_id, a.currency, a.posted_debits, a.posted_credits, a.pending_debits,
				       a.pending_credits, a.version, s.pd, s.pc, s.qd, s.qc, s.n
				FROM ledger_account a
				JOIN LATERAL (
				  SELECT coalesce(sum(posted_amount) FILTER (WHERE direction = 'debit'), 0) pd,
				         coalesce(sum(posted_amount) FILTER (WHERE direction = 'credit'), 0) pc,
				         coalesce(sum(pending_amount) FILTER (WHERE direction = 'debit'), 0) qd,
				         coalesce(sum(pending_amount) FILTER (WHERE direction = 'credit'), 0) qc,
				         count(*) n
				  FROM ledger_posting p WHERE p.tenant_id = a.tenant_id AND p.account_id = a.account_id) s ON true
				WHERE a.tenant_id = ? AND a.ledger_id = ?
				  AND (a.posted_debits, a.posted_credits, a.pending_debits, a.pending_credits, a.version)
				      IS DISTINCT FROM (s.pd, s.pc, s.qd, s.qc, s.n)
				ORDER BY a.code""", rs -> {
			for (int i = 0; i < TOTALS.length; i++) {
				long stored = rs.getLong(3 + i);
				long summed = rs.getLong(8 + i);
				if (stored != summed) {
					violations.add(new InvariantViolation(Kind.ACCOUNT_TOTALS,
							new AccountId(rs.getObject(1, UUID.class)), rs.getString(2), TOTALS[i], summed, stored));
				}
			}
		}, tenant.value(), ledger);
	}

	/**
	 * The account's last posting on each axis carries its totals: the recorded axis's
	 * {@code after_*} of its highest version, the effective axis's {@code eff_*} of its
	 * latest effective posting.
	 */
	private void postingBalances(TenantId tenant, UUID ledger, List<InvariantViolation> violations) {
		jdbc.query("""
				SELECT a.account_id, a.currency, a.posted_debits, a.posted_credits, a.pending_debits,
				       a.pending_credits, r.after_posted_debits, r.after_posted_credits, r.after_pending_debits,
				       r.after_pending_credits, e.eff_posted_debits, e.eff_posted_credits, e.eff_pending_debits,
				       e.eff_pending_credits
				FROM ledger_account a
				JOIN LATERAL (SELECT * FROM ledger_posting p WHERE p.tenant_id = a.tenant_id
				              AND p.account_id = a.account_id ORDER BY account_version DESC LIMIT 1) r ON true
				JOIN LATERAL (SELECT * FROM ledger_posting p WHERE p.tenant_id = a.tenant_id
				              AND p.account_id = a.account_id
				              ORDER BY effective_at DESC, account_version DESC LIMIT 1) e ON true
				WHERE a.tenant_id = ? AND a.ledger_id = ?
				  AND ((r.after_posted_debits, r.after_posted_credits, r.after_pending_debits, r.after_pending_credits)
				       IS DISTINCT FROM (a.posted_debits, a.posted_credits, a.pending_debits, a.pending_credits)
				    OR (e.eff_posted_debits, e.eff_posted_credits, e.eff_pending_debits, e.eff_pending_credits)
				       IS DISTINCT FROM (a.posted_debits, a.posted_credits, a.pending_debits, a.pending_credits))
				ORDER BY a.code""", rs -> {
			for (int i = 0; i < POSTING_TOTALS.length; i++) {
				long total = rs.getLong(3 + (i % 4));
				long carried = rs.getLong(7 + i);
				if (total != carried) {
					violations
						.add(new InvariantViolation(Kind.POSTING_BALANCES, new AccountId(rs.getObject(1, UUID.class)),
								rs.getString(2), POSTING_TOTALS[i], total, carried));
				}
			}
		}, tenant.value(), ledger);
	}

}
