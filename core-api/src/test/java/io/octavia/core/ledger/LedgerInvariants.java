package io.octavia.core.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's invariants, checked in SQL for the tenant of the current scope. */
final class LedgerInvariants {

	private LedgerInvariants() {
	}

	/**
	 * Every account's totals and version are the sums and count of its postings, its last
	 * posting carries those totals on both axes, and per ledger and currency the debits
	 * equal the credits.
	 */
	static void assertHold(JdbcTemplate jdbc, TransactionTemplate transactions) {
		transactions.executeWithoutResult(status -> {
			Long wrong = jdbc.queryForObject("""
					SELECT count(*) FROM ledger_account a
					LEFT JOIN LATERAL (
					  SELECT coalesce(sum(posted_amount) FILTER (WHERE direction = 'debit'), 0) pd,
					         coalesce(sum(posted_amount) FILTER (WHERE direction = 'credit'), 0) pc,
					         coalesce(sum(pending_amount) FILTER (WHERE direction = 'debit'), 0) qd,
					         coalesce(sum(pending_amount) FILTER (WHERE direction = 'credit'), 0) qc,
					         count(*) n
					  FROM ledger_posting p WHERE p.tenant_id = a.tenant_id AND p.account_id = a.account_id) s ON true
					WHERE (a.posted_debits, a.posted_credits, a.pending_debits, a.pending_credits, a.version)
					      IS DISTINCT FROM (s.pd, s.pc, s.qd, s.qc, s.n)""", Long.class);
			assertThat(wrong).as("accounts whose totals are not the sums of their postings").isZero();
			Long stale = jdbc.queryForObject(
					"""
							SELECT count(*) FROM ledger_account a
							JOIN LATERAL (SELECT * FROM ledger_posting p WHERE p.tenant_id = a.tenant_id
							              AND p.account_id = a.account_id ORDER BY account_version DESC LIMIT 1) r ON true
							JOIN LATERAL (SELECT * FROM ledger_posting p WHERE p.tenant_id = a.tenant_id
							              AND p.account_id = a.account_id
							              ORDER BY effective_at DESC, account_version DESC LIMIT 1) e ON true
							WHERE (r.after_posted_debits, r.after_posted_credits, r.after_pending_debits, r.after_pending_credits)
							      IS DISTINCT FROM (a.posted_debits, a.posted_credits, a.pending_debits, a.pending_credits)
							   OR (e.eff_posted_debits, e.eff_posted_credits, e.eff_pending_debits, e.eff_pending_credits)
							      IS DISTINCT FROM (a.posted_debits, a.posted_credits, a.pending_debits, a.pending_credits)""",
					Long.class);
			assertThat(stale).as("accounts whose last posting does not carry their totals").isZero();
			Long unbalanced = jdbc.queryForObject("""
					SELECT count(*) FROM (
					  SELECT ledger_id, currency FROM ledger_posting GROUP BY ledger_id, currency
					  HAVING coalesce(sum(posted_amount) FILTER (WHERE direction = 'debit'), 0)
					         <> coalesce(sum(posted_amount) FILTER (WHERE direction = 'credit'), 0)
					      OR coalesce(sum(pending_amount) FILTER (WHERE direction = 'debit'), 0)
					         <> coalesce(sum(pending_amount) FILTER (WHERE direction = 'credit'), 0)) x""", Long.class);
			assertThat(unbalanced).as("ledgers and currencies whose debits differ from credits").isZero();
		});
	}

}
