package io.octavia.core.ledger.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.platform.DomainProblem;
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
 * <p>
 * A void that fails is recorded on the entry's pending row, which then waits 2, 4, 8 …
 * seconds (at most an hour) before the next attempt, so one entry that cannot be voided
 * neither spins nor holds up the others; the first failure is logged as a warning, and
 * the {@value #PARKED_METRIC} gauge counts the entries waiting like this.
 */
@Component
@ConditionalOnExpression("${octavia.ledger.timeouts.enabled:true} and '${octavia.roles:api,console,worker}'.contains('worker')")
class PendingTimeouts {

	static final String ACTOR = "system:ledger-timeouts";

	static final String PARKED_METRIC = "octavia.ledger.timeouts.parked";

	private static final Logger log = LoggerFactory.getLogger(PendingTimeouts.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final LedgerService ledger;

	PendingTimeouts(JdbcTemplate jdbc, TransactionTemplate transactions, LedgerService ledger, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.ledger = ledger;
		Gauge.builder(PARKED_METRIC, this::parked)
			.description("Timed-out pending entries whose void failed, waiting for another attempt")
			.register(meters);
	}

	private record Due(TenantId tenant, EntryId entry, int attempts) {
	}

	private record Failure(int attempts, OffsetDateTime retryAt) {
	}

	@Scheduled(fixedDelayString = "${octavia.ledger.timeouts.interval:1s}",
			initialDelayString = "${octavia.ledger.timeouts.interval:1s}")
	void voidTimedOut() {
		List<Due> due;
		try {
			due = transactions
				.execute(status -> jdbc.query("SELECT tenant_id, entry_id, attempts FROM ledger_pending_timed_out(500)",
						(rs, n) -> new Due(new TenantId(rs.getObject(1, UUID.class)),
								new EntryId(rs.getObject(2, UUID.class)), rs.getInt(3))));
		}
		catch (RuntimeException ex) {
			log.warn("Looking for timed-out pending entries failed; will retry: {}", ex.getMessage());
			return;
		}
		for (Due entry : (due != null) ? due : List.<Due>of()) {
			TenantContext.run(TenantContext.Scope.tenant(entry.tenant(), ACTOR), () -> voidOne(entry));
		}
	}

	private void voidOne(Due due) {
		try {
			if (ledger.voidExpired(due.entry()) && due.attempts() > 0) {
				log.info("Voided timed-out pending entry {} of tenant {} after {} failed attempt(s)", due.entry(),
						due.tenant(), due.attempts());
			}
		}
		catch (DomainProblem problem) {
			recordFailure(due, problem.code());
		}
		catch (RuntimeException ex) {
			recordFailure(due, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private void recordFailure(Due due, String reason) {
		try {
			List<Failure> recorded = transactions.execute(status -> jdbc.query(
					"""
							UPDATE ledger_pending
							SET attempts = attempts + 1, last_error = left(?, 500),
							    retry_at = now() + least(interval '1 hour', interval '1 second' * power(2, least(attempts + 1, 12)))
							WHERE tenant_id = ? AND entry_id = ?
							RETURNING attempts, retry_at""",
					(rs, n) -> new Failure(rs.getInt(1), rs.getObject(2, OffsetDateTime.class)), reason,
					due.tenant().value(), due.entry().value()));
			if (recorded == null || recorded.isEmpty()) {
				return;
			}
			Failure failure = recorded.get(0);
			if (failure.attempts() == 1) {
				log.warn(
						"Could not void timed-out pending entry {} of tenant {} ({}); its amounts stay reserved,"
								+ " next attempt at {} with a growing delay",
						due.entry(), due.tenant(), reason, failure.retryAt());
			}
			else {
				log.debug("Voiding timed-out pending entry {} of tenant {} failed again (attempt {}: {}); next at {}",
						due.entry(), due.tenant(), failure.attempts(), reason, failure.retryAt());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Recording the failed void of pending entry {} of tenant {} failed; will retry: {}", due.entry(),
					due.tenant(), ex.getMessage());
		}
	}

	private double parked() {
		try {
			Long parked = transactions
				.execute(status -> jdbc.queryForObject("SELECT ledger_pending_parked()", Long.class));
			return (parked != null) ? parked : Double.NaN;
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

}
