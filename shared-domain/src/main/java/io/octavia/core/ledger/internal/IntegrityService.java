package io.octavia.core.ledger.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.octavia.core.ledger.InvariantReport;
import io.octavia.core.ledger.InvariantViolation;
import io.octavia.core.ledger.LedgerChainVerification;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerIntegrity;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's {@link LedgerIntegrity}: seals and verifies the per-tenant hash chains and
 * checks the invariants, keeping the {@value LedgerIntegrity#VIOLATIONS_METRIC} gauge
 * (per kind: the violations the latest check of each ledger found, summed over ledgers).
 * <p>
 * Sealing only takes entries inserted longer ago than {@code octavia.ledger.chain.margin}
 * (45 s), which must exceed {@code octavia.ledger.write-timeout} (30 s, the
 * {@code transaction_timeout} every write sets once it holds its locks, before it
 * inserts): an entry with a lower {@code seq} than one sealed was inserted before it, and
 * so commits or rolls back within that bound (see docs/ledger.md, Hash chain).
 */
@Service
class IntegrityService implements LedgerIntegrity {

	static final String SEALER = "system:ledger-chain";

	static final String CHECKER = "system:ledger-invariants";

	private static final Logger log = LoggerFactory.getLogger(IntegrityService.class);

	private final LedgerChain chain;

	private final InvariantChecks invariants;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final TransactionTemplate snapshot;

	private final Duration margin;

	/** Violations per kind found by the latest check of each ledger (tenant/ledger). */
	private final Map<String, Map<InvariantViolation.Kind, Integer>> latest = new ConcurrentHashMap<>();

	IntegrityService(LedgerChain chain, InvariantChecks invariants, JdbcTemplate jdbc, TransactionTemplate transactions,
			MeterRegistry meters, @Value("${octavia.ledger.chain.margin:45s}") Duration margin,
			@Value("${octavia.ledger.write-timeout:30s}") Duration writeTimeout) {
		if (margin.compareTo(writeTimeout) <= 0) {
			throw new IllegalStateException("octavia.ledger.chain.margin (" + margin
					+ ") must exceed octavia.ledger.write-timeout (" + writeTimeout + ")");
		}
		this.chain = chain;
		this.invariants = invariants;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
		this.snapshot = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.margin = margin;
		for (InvariantViolation.Kind kind : InvariantViolation.Kind.values()) {
			Gauge.builder(VIOLATIONS_METRIC, () -> violations(kind))
				.description("Ledger invariant violations found by the latest checks")
				.tag("kind", kind.value())
				.register(meters);
		}
	}

	@Override
	public LedgerChainVerification verifyChain() {
		TenantId tenant = TenantContext.requireTenant();
		return Objects.requireNonNull(snapshot.execute(status -> chain.verify(tenant)));
	}

	@Override
	public long sealChains() {
		try {
			return sealChains(SealerPacing.UNPACED);
		}
		catch (InterruptedException ex) {
			// unpaced: nothing sleeps
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	/**
	 * Seals like {@link #sealChains()}, pausing after each batch as {@code pacing} says.
	 * @throws InterruptedException when interrupted in a pause (the application stops)
	 */
	long sealChains(SealerPacing pacing) throws InterruptedException {
		List<TenantId> chains = Objects.requireNonNull(transactions.execute(status -> chain.chainsToSeal(margin)));
		long sealed = 0;
		for (TenantId tenant : chains) {
			try {
				sealed += TenantContext.call(TenantContext.Scope.tenant(tenant, SEALER), () -> {
					long total = 0;
					int batch;
					do {
						long started = System.nanoTime();
						batch = Objects.requireNonNull(transactions.execute(status -> chain.sealBatch(tenant, margin)));
						total += batch;
						Duration pause = pacing.pauseAfter(Duration.ofNanos(System.nanoTime() - started));
						if (!pause.isZero()) {
							Thread.sleep(pause);
						}
					}
					while (batch == LedgerChain.SEAL_BATCH);
					return total;
				});
			}
			catch (RuntimeException ex) {
				if (ex.getCause() instanceof InterruptedException interrupted) {
					// TenantContext.call wraps it: the sealer is being stopped
					throw interrupted;
				}
				// one chain's trouble must not keep the others unsealed
				log.warn("Sealing the ledger chain of {} failed; will retry: {}", tenant, ex.getMessage());
			}
		}
		return sealed;
	}

	@Override
	public InvariantReport checkInvariants(LedgerId ledger) {
		TenantId tenant = TenantContext.requireTenant();
		InvariantReport report = Objects.requireNonNull(snapshot.execute(status -> {
			Boolean exists = jdbc.queryForObject(
					"SELECT EXISTS (SELECT 1 FROM ledger WHERE tenant_id = ? AND ledger_id = ?)", Boolean.class,
					tenant.value(), ledger.value());
			if (!Boolean.TRUE.equals(exists)) {
				throw LedgerService.ledgerNotFound(ledger);
			}
			List<InvariantViolation> found = invariants.check(tenant, ledger.value());
			return new InvariantReport(tenant, ledger, found.isEmpty(), invariants.accounts(tenant, ledger.value()),
					List.copyOf(found), Instant.now());
		}));
		record(report);
		return report;
	}

	/**
	 * Checks every ledger of every tenant, each in its tenant's scope; returns the
	 * violations found.
	 */
	long checkAllLedgers() {
		List<Object[]> ledgers = Objects.requireNonNull(transactions.execute(status -> jdbc
			.query("SELECT tenant_id, ledger_id FROM ledger_ledgers_to_check()", (rs, n) -> new Object[] {
					new TenantId(rs.getObject(1, UUID.class)), new LedgerId(rs.getObject(2, UUID.class)) })));
		long violations = 0;
		for (Object[] ledger : ledgers) {
			try {
				violations += TenantContext
					.call(TenantContext.Scope.tenant((TenantId) ledger[0], CHECKER),
							() -> checkInvariants((LedgerId) ledger[1]))
					.violations()
					.size();
			}
			catch (RuntimeException ex) {
				log.warn("Checking the invariants of ledger {} of {} failed: {}", ledger[1], ledger[0],
						ex.getMessage());
			}
		}
		// purged tenants' ledgers are gone: drop their last counts from the gauge
		latest.keySet()
			.retainAll(ledgers.stream().map(ledger -> ledger[0] + "/" + ledger[1]).collect(Collectors.toSet()));
		return violations;
	}

	private void record(InvariantReport report) {
		Map<InvariantViolation.Kind, Integer> counts = new java.util.EnumMap<>(InvariantViolation.Kind.class);
		report.violations().forEach(violation -> counts.merge(violation.kind(), 1, Integer::sum));
		latest.put(report.tenantId() + "/" + report.ledgerId(), counts);
		for (InvariantViolation violation : report.violations()) {
			log.error(
					"Ledger invariant violated: tenant {} ledger {} kind {} account {} currency {} {}: expected {},"
							+ " found {}",
					report.tenantId(), report.ledgerId(), violation.kind().value(), violation.accountId(),
					violation.currency(), violation.field(), violation.expected(), violation.actual());
		}
	}

	private double violations(InvariantViolation.Kind kind) {
		return latest.values().stream().mapToInt(counts -> counts.getOrDefault(kind, 0)).sum();
	}

}
