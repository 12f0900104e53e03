package io.octavia.core.ledger.internal;

import java.sql.SQLException;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.platform.TenantContext;
import io.octavia.core.tenancy.TenantPurged;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes a purged tenant's ledger (ADR 0010). The application role may not delete the
 * books: the owner's function {@code ledger_purge_tenant} does, only for a tenant whose
 * row says purged, a slice of entries per transaction so a large ledger is never one huge
 * transaction. Safe to run again (the outbox redelivers until it completed): a purge cut
 * short resumes where it stopped.
 */
@Component
class LedgerRetention {

	static final String ACTOR = "system:ledger-retention";

	/** Entries (with their postings) deleted per transaction. */
	private static final int BATCH = 2000;

	/**
	 * SQLSTATE of the function's refusal of a tenant that is not purged
	 * (insufficient_privilege, as for a missing grant, so the message tells them apart).
	 */
	private static final String REFUSED = "42501";

	private static final Logger log = LoggerFactory.getLogger(LedgerRetention.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	LedgerRetention(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	// the tenant's scope is bound before each transaction begins
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(TenantPurged event) {
		TenantContext.run(TenantContext.Scope.forEvent(event.metadata(), ACTOR), () -> {
			long deleted = 0;
			long slice;
			do {
				try {
					slice = Objects.requireNonNull(
							transactions.execute(status -> jdbc.queryForObject("SELECT ledger_purge_tenant(?, ?)",
									Long.class, event.tenantId().value(), BATCH)));
				}
				catch (DataAccessException ex) {
					if (ex.getMostSpecificCause() instanceof SQLException sql && REFUSED.equals(sql.getSQLState())
							&& String.valueOf(sql.getMessage()).contains("is not purged")) {
						// the tenant's row is not purged: such an event is not retried,
						// and the books stay
						log.warn("Ledger of tenant {} kept: {}", event.tenantId(), sql.getMessage());
						return;
					}
					throw ex;
				}
				deleted += slice;
			}
			while (slice > 0);
			log.info("Deleted {} ledger row(s) of purged tenant {}", deleted, event.tenantId());
		});
	}

}
