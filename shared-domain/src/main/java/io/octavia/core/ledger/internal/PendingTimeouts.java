package io.octavia.core.ledger.internal;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.ledger.EntryId;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Voids pending entries whose timeout passed, every
 * {@code octavia.ledger.timeouts.interval} (1 s) on worker nodes. The list of due entries
 * comes from a function that reads ids only across tenants (as the audit sealer finds its
 * chains); each void runs in its tenant's scope, as actor {@value #ACTOR}, and publishes
 * {@link io.octavia.core.ledger.EntryVoided} with {@code timedOut}. Several nodes may run
 * it: the pending row is locked, and the loser finds it resolved.
 */
@Component
@ConditionalOnExpression("${octavia.ledger.timeouts.enabled:true} and '${octavia.roles:api,console,worker}'.contains('worker')")
class PendingTimeouts {

	static final String ACTOR = "system:ledger-timeouts";

	private static final Logger log = LoggerFactory.getLogger(PendingTimeouts.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final LedgerService ledger;

	PendingTimeouts(JdbcTemplate jdbc, TransactionTemplate transactions, LedgerService ledger) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.ledger = ledger;
	}

	private record Due(TenantId tenant, EntryId entry) {
	}

	@Scheduled(fixedDelayString = "${octavia.ledger.timeouts.interval:1s}",
			initialDelayString = "${octavia.ledger.timeouts.interval:1s}")
	void voidTimedOut() {
		try {
			List<Due> due = transactions
				.execute(status -> jdbc.query("SELECT tenant_id, entry_id FROM ledger_pending_timed_out(500)",
						(rs, n) -> new Due(new TenantId(rs.getObject(1, UUID.class)),
								new EntryId(rs.getObject(2, UUID.class)))));
			for (Due entry : (due != null) ? due : List.<Due>of()) {
				TenantContext.run(TenantContext.Scope.tenant(entry.tenant(), ACTOR),
						() -> ledger.voidExpired(entry.entry()));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Voiding timed-out pending entries failed; will retry: {}", ex.getMessage());
		}
	}

}
