package io.octavia.core.audit.internal;

import java.util.Map;

import io.octavia.core.audit.AuditActor;
import io.octavia.core.audit.AuditEntry;
import io.octavia.core.audit.AuditManagement;
import io.octavia.core.platform.CrossTenantAccessGranted;
import io.octavia.core.platform.TenantContext;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records every access across tenants in the platform's log, before the work runs: the
 * event is delivered synchronously, so if the record cannot be stored the access fails.
 * The record commits in a transaction of its own: the access happened even if the work
 * then rolls back.
 */
@Component
class CrossTenantAccessAuditing {

	static final String ACTION = "platform.cross_tenant_access";

	private static final int MAX_REASON_LENGTH = 1000;

	private final AuditRecords records;

	private final TransactionTemplate ownTransaction;

	CrossTenantAccessAuditing(AuditRecords records, PlatformTransactionManager transactions) {
		this.records = records;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@EventListener
	void on(CrossTenantAccessGranted event) {
		String reason = (event.reason().length() > MAX_REASON_LENGTH) ? event.reason().substring(0, MAX_REASON_LENGTH)
				: event.reason();
		AuditEntry entry = new AuditEntry(AuditManagement.PLATFORM, null, AuditActor.of(event.actor(), event.userId()),
				ACTION, "platform", null, null, Map.of("reason", reason), event.requestId(), event.clientIp(),
				event.userAgent(), event.occurredAt(), event.eventId());
		TenantContext.run(TenantContext.Scope.tenant(AuditManagement.PLATFORM, "system:audit"),
				() -> ownTransaction.executeWithoutResult(status -> records.insert(entry)));
	}

}
