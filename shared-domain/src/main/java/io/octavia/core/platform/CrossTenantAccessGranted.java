package io.octavia.core.platform;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Operator or job work across tenants was let through {@link CrossTenantAccess}.
 * Published synchronously before the work runs, so a listener that cannot record it (the
 * audit log) stops the access: no trace, no access. It belongs to no tenant and stays
 * inside the process (not a {@link DomainEvent}).
 *
 * @param eventId unique id of this grant
 * @param actor who was let through, as passed to {@link CrossTenantAccess}
 * @param reason why, as passed to {@link CrossTenantAccess}
 * @param userId the user behind the calling unit of work, if any
 * @param requestId the request that asked for it, if any
 * @param clientIp the client of that request (MDC key {@code clientIp}), if known
 * @param userAgent its {@code User-Agent} (MDC key {@code userAgent}), if known
 */
public record CrossTenantAccessGranted(UUID eventId, Instant occurredAt, String actor, String reason,
		@Nullable UserId userId, @Nullable String requestId, @Nullable String clientIp, @Nullable String userAgent) {
}
