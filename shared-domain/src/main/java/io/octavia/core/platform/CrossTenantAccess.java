package io.octavia.core.platform;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The one documented path for operator work across tenants (search over all tenants,
 * retention purges, invariant checks). It runs the work in a scope that row-level
 * security lets through, and leaves a trace: a {@link CrossTenantAccessGranted} event
 * (which the audit log records before the work starts), a log line with actor and reason
 * and a counter. Start it outside any transaction: the scope applies when a transaction
 * begins.
 */
@Service
public class CrossTenantAccess {

	private static final Logger audit = LoggerFactory.getLogger("octavia.audit.cross-tenant");

	private final MeterRegistry meters;

	private final ApplicationEventPublisher events;

	CrossTenantAccess(MeterRegistry meters, ApplicationEventPublisher events) {
		this.meters = meters;
		this.events = events;
	}

	public <T> T call(String actor, String reason, Supplier<T> work) {
		Objects.requireNonNull(reason, "reason");
		if (reason.isBlank()) {
			throw new IllegalArgumentException("Cross-tenant access needs a reason");
		}
		audit.info("cross-tenant access by {}: {}", actor, reason);
		@Nullable UserId user = TenantContext.current().map(TenantContext.Scope::userId).orElse(null);
		events.publishEvent(new CrossTenantAccessGranted(Ids.newId(), Instant.now(), actor, reason, user,
				MDC.get("requestId"), MDC.get("clientIp"), MDC.get("userAgent")));
		meters.counter("octavia.cross_tenant.access", "actor_kind", actor.split(":", 2)[0]).increment();
		return TenantContext.call(new TenantContext.Scope(null, null, null, actor, reason), work::get);
	}

}
