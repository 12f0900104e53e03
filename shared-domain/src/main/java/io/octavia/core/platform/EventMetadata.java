package io.octavia.core.platform;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Who caused an event, when, and within which trace. Captured when the event is created
 * and stored with it in the outbox, so a republished event still carries its original
 * ids.
 *
 * @param eventId unique id; consumers deduplicate by it
 * @param traceParent W3C trace context of the request that caused the event
 * @param clientIp address of the client whose request caused the event, as the gateway
 * saw it (MDC key {@code clientIp})
 * @param userAgent that client's {@code User-Agent} (MDC key {@code userAgent})
 */
public record EventMetadata(UUID eventId, Instant occurredAt, @Nullable TenantId tenantId, @Nullable BrandId brandId,
		@Nullable UserId userId, String actor, @Nullable String traceParent, @Nullable String requestId,
		@Nullable String clientIp, @Nullable String userAgent) {

	/** Metadata for an event of the given tenant, caused by the current unit of work. */
	public static EventMetadata capture(@Nullable TenantId tenantId) {
		TenantContext.Scope scope = TenantContext.current().orElse(null);
		String traceId = MDC.get("traceId");
		String spanId = MDC.get("spanId");
		String traceParent = (traceId != null && spanId != null) ? "00-" + traceId + "-" + spanId + "-01" : null;
		return new EventMetadata(Ids.newId(), Instant.now(), tenantId, (scope != null) ? scope.brandId() : null,
				(scope != null) ? scope.userId() : null, (scope != null) ? scope.actor() : "system", traceParent,
				MDC.get("requestId"), MDC.get("clientIp"), MDC.get("userAgent"));
	}

}
