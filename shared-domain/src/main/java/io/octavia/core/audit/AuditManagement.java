package io.octavia.core.audit;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.audit.internal.AuditCursor;
import io.octavia.core.audit.internal.AuditRecords;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit log: records actions, shows and exports a log, seals and verifies its hash
 * chain.
 * <p>
 * A log is a tenant's, visible under row-level security like all tenant-owned data: from
 * the tenant's own scope, or from an operator's through
 * {@link io.octavia.core.platform.CrossTenantAccess}. The platform's own log
 * ({@link #PLATFORM}) is read from a scope without a tenant, which is how operators and
 * jobs act. Methods that begin their own transaction bind the right scope first (the
 * scope applies when a transaction begins), so this service carries no class-level
 * {@code @Transactional}.
 */
@Service
public class AuditManagement {

	/**
	 * The log of platform-level actions that belong to no tenant (cross-tenant access,
	 * for one). The nil UUID, which no tenant ever has (tenant ids are version 7).
	 */
	public static final TenantId PLATFORM = new TenantId(new UUID(0L, 0L));

	/** Upper bound of a before or after summary, as compact JSON in UTF-8. */
	public static final int MAX_SUMMARY_BYTES = 4096;

	static final String ACTOR = "system:audit";

	private static final Logger logger = LoggerFactory.getLogger(AuditManagement.class);

	private static final int EXPORT_SLICE = 500;

	private final AuditRecords records;

	AuditManagement(AuditRecords records) {
		this.records = records;
	}

	/**
	 * Records an action. Inside a transaction the record joins it, so it commits or rolls
	 * back with the action (the current scope must then see the entry's tenant); outside
	 * one it is stored in a transaction of its own.
	 * @return false when the entry's event was recorded before
	 */
	public boolean record(AuditEntry entry) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return records.insert(entry);
		}
		return TenantContext.call(TenantContext.Scope.tenant(entry.tenantId(), ACTOR), () -> records.insert(entry));
	}

	/**
	 * A page of a log, newest first.
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed} for a
	 * limit out of range, a cursor that is not one of ours or a time range that ends
	 * before it starts
	 */
	public AuditPage find(TenantId log, AuditQuery query) {
		AuditCursor after = validated(query, true);
		List<AuditRecord> found = inLog(log, () -> records.page(log, query, after, query.limit() + 1));
		if (found.size() <= query.limit()) {
			return new AuditPage(found, null);
		}
		List<AuditRecord> page = found.subList(0, query.limit());
		AuditRecord last = page.get(page.size() - 1);
		return new AuditPage(List.copyOf(page), new AuditCursor(last.occurredAt(), last.id()).encode());
	}

	/**
	 * Hands every record of a log that matches the query to {@code sink}, newest first,
	 * from the query's cursor on; its limit does not apply. Reads in slices, each in a
	 * short transaction, so a slow reader holds no transaction open.
	 */
	public void export(TenantId log, AuditQuery query, Consumer<AuditRecord> sink) {
		AuditCursor after = validated(query, false);
		List<AuditRecord> slice;
		do {
			AuditCursor from = after;
			slice = inLog(log, () -> records.page(log, query, from, EXPORT_SLICE));
			slice.forEach(sink);
			if (!slice.isEmpty()) {
				AuditRecord last = slice.get(slice.size() - 1);
				after = new AuditCursor(last.occurredAt(), last.id());
			}
		}
		while (slice.size() == EXPORT_SLICE);
	}

	/**
	 * Recomputes a log's hash chain from its first record and reports the first broken
	 * link, if any. Records not sealed yet are counted, not checked.
	 */
	public ChainVerification verify(TenantId log) {
		return inLog(log, () -> records.verify(log));
	}

	/**
	 * Seals every record waiting in any log, now rather than at the sealer's next run.
	 * Safe to call on several nodes at once: they take turns per chain.
	 * @return how many records were sealed
	 */
	public long sealPending() {
		long sealed = 0;
		for (TenantId log : records.chainsToSeal()) {
			try {
				sealed += TenantContext.call(TenantContext.Scope.tenant(log, ACTOR), () -> {
					long total = 0;
					int batch;
					do {
						batch = records.sealBatch(log);
						total += batch;
					}
					while (batch == AuditRecords.SEAL_BATCH);
					return total;
				});
			}
			catch (RuntimeException ex) {
				// one chain's trouble must not keep the others unsealed
				logger.warn("Sealing the audit log of {} failed; will retry: {}", log, ex.getMessage());
			}
		}
		return sealed;
	}

	/**
	 * Runs work on a log in the current scope, except that the platform's log is read in
	 * its own scope by callers without a tenant (operators, jobs). A tenant's scope never
	 * sees the platform's log: row-level security filters it out.
	 */
	private <T> T inLog(TenantId log, Supplier<T> work) {
		TenantContext.Scope current = TenantContext.current().orElse(null);
		if (!log.equals(PLATFORM) || (current != null && current.tenantId() != null)) {
			return work.get();
		}
		TenantContext.Scope platform = new TenantContext.Scope(PLATFORM, null,
				(current != null) ? current.userId() : null, (current != null) ? current.actor() : ACTOR, null);
		return TenantContext.call(platform, work::get);
	}

	private static @Nullable AuditCursor validated(AuditQuery query, boolean paged) {
		FieldProblems problems = new FieldProblems();
		if (paged && (query.limit() < 1 || query.limit() > AuditQuery.MAX_LIMIT)) {
			problems.add("limit", "api.field.limit", AuditQuery.MAX_LIMIT);
		}
		AuditCursor after = null;
		if (query.cursor() != null) {
			after = AuditCursor.decode(query.cursor()).orElse(null);
			if (after == null) {
				problems.add("cursor", "api.field.cursor");
			}
		}
		if (query.from() != null && query.to() != null && !query.from().isBefore(Objects.requireNonNull(query.to()))) {
			problems.add("to", "api.field.audit.time_range");
		}
		problems.throwIfAny();
		return after;
	}

}
