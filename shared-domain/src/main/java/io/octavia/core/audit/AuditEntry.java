package io.octavia.core.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

/**
 * One action to record. Texts longer than the log keeps (user agent, ids) are cut; the
 * before and after summaries are small JSON objects (at most
 * {@value AuditManagement#MAX_SUMMARY_BYTES} bytes each), not copies of whole aggregates.
 *
 * @param tenantId whose log it goes to; {@link AuditManagement#PLATFORM} for
 * platform-level actions
 * @param action what happened, lower-case dotted, e.g. {@code tenant.suspended}
 * @param targetType the kind of thing acted on, e.g. {@code tenant}
 * @param targetId its id, if it has one
 * @param before the relevant state before the action, if any
 * @param after the relevant state after it, if any
 * @param eventId the domain event the record is made from, if any: a redelivered event is
 * recorded once
 */
public record AuditEntry(TenantId tenantId, @Nullable BrandId brandId, AuditActor actor, String action,
		String targetType, @Nullable String targetId, @Nullable Map<String, ?> before, @Nullable Map<String, ?> after,
		@Nullable String requestId, @Nullable String clientIp, @Nullable String userAgent, Instant occurredAt,
		@Nullable UUID eventId) {

	private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)+");

	private static final Pattern TARGET_TYPE = Pattern.compile("[a-z][a-z0-9_-]*");

	public AuditEntry {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(actor, "actor");
		if (action.length() > 100 || !ACTION.matcher(action).matches()) {
			throw new IllegalArgumentException("Not an audit action: " + action);
		}
		if (targetType.length() > 64 || !TARGET_TYPE.matcher(targetType).matches()) {
			throw new IllegalArgumentException("Not a target type: " + targetType);
		}
		targetId = cut(targetId, 200);
		before = copy(before);
		after = copy(after);
		requestId = cut(requestId, 128);
		clientIp = cut(clientIp, 64);
		userAgent = cut(userAgent, 512);
		// PostgreSQL keeps microseconds; the hash chain covers what is stored
		occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * An action of the current unit of work: actor, brand and user from the
	 * {@link TenantContext}, request id, client address and user agent from the logging
	 * context the gateway fills.
	 */
	public static AuditEntry capture(TenantId tenantId, String action, String targetType, @Nullable String targetId) {
		TenantContext.Scope scope = TenantContext.current().orElse(null);
		AuditActor actor = (scope != null) ? AuditActor.of(scope.actor(), scope.userId())
				: AuditActor.of("system", null);
		return new AuditEntry(tenantId, (scope != null) ? scope.brandId() : null, actor, action, targetType, targetId,
				null, null, MDC.get("requestId"), MDC.get("clientIp"), MDC.get("userAgent"), Instant.now(), null);
	}

	/**
	 * The record of a domain event: who caused it, from where and when, as captured with
	 * the event; deduplicated by its id. An event without a tenant goes to the platform's
	 * log.
	 */
	public static AuditEntry of(EventMetadata event, String action, String targetType, @Nullable String targetId) {
		return new AuditEntry((event.tenantId() != null) ? event.tenantId() : AuditManagement.PLATFORM, event.brandId(),
				AuditActor.of(event.actor(), event.userId()), action, targetType, targetId, null, null,
				event.requestId(), event.clientIp(), event.userAgent(), event.occurredAt(), event.eventId());
	}

	/** The same entry with before and after summaries. */
	public AuditEntry withChange(@Nullable Map<String, ?> before, @Nullable Map<String, ?> after) {
		return new AuditEntry(tenantId, brandId, actor, action, targetType, targetId, before, after, requestId,
				clientIp, userAgent, occurredAt, eventId);
	}

	private static @Nullable String cut(@Nullable String text, int length) {
		return (text != null && text.length() > length) ? text.substring(0, length) : text;
	}

	private static @Nullable Map<String, ?> copy(@Nullable Map<String, ?> summary) {
		return (summary != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(summary)) : null;
	}

}
