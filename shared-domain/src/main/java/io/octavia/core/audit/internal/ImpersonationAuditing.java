package io.octavia.core.audit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.octavia.core.audit.AuditEntry;
import io.octavia.core.audit.AuditManagement;
import io.octavia.core.identity.ImpersonationEnded;
import io.octavia.core.identity.ImpersonationStarted;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Records support impersonation twice: in the platform's log, with the operator's other
 * work, and in the tenant's, so the tenant sees who acted as whom, why and until when.
 * The event id is unique per log, so a redelivered event is recorded once in each.
 */
@Component
class ImpersonationAuditing {

	private final AuditManagement audit;

	ImpersonationAuditing(AuditManagement audit) {
		this.audit = audit;
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ImpersonationStarted event) {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("operatorId", event.operatorId().toString());
		after.put("userId", event.userId().toString());
		after.put("tenantId", event.tenantId().toString());
		after.put("reason", event.reason());
		after.put("endsAt", event.endsAt().toString());
		recordInBothLogs(event.metadata(), event.type(), event.impersonationId().toString(), event.tenantId(), after);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ImpersonationEnded event) {
		recordInBothLogs(event.metadata(), event.type(), event.impersonationId().toString(), event.tenantId(),
				Map.of("operatorId", event.operatorId().toString(), "userId", event.userId().toString()));
	}

	private void recordInBothLogs(EventMetadata metadata, String action, String id, TenantId tenant,
			Map<String, Object> after) {
		AuditEntry platform = AuditEntry.of(metadata, action, "impersonation", id).withChange(null, after);
		audit.record(platform);
		audit.record(new AuditEntry(tenant, null, platform.actor(), platform.action(), platform.targetType(),
				platform.targetId(), null, after, platform.requestId(), platform.clientIp(), platform.userAgent(),
				platform.occurredAt(), platform.eventId()));
	}

}
