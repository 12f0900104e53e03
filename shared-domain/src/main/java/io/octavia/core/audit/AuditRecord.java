package io.octavia.core.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;

import tools.jackson.databind.JsonNode;

/**
 * A recorded action as the log shows it.
 *
 * @param recordedAt when the log stored it (after {@code occurredAt} for actions recorded
 * from events)
 * @param chainPosition its place in the tenant's hash chain (from 1); null until sealed
 * @param hash hex SHA-256 that seals it into the chain; null until sealed
 */
public record AuditRecord(UUID id, TenantId tenantId, Instant occurredAt, AuditActor actor, @Nullable BrandId brandId,
		String action, String targetType, @Nullable String targetId, @Nullable JsonNode before,
		@Nullable JsonNode after, @Nullable String requestId, @Nullable String clientIp, @Nullable String userAgent,
		@Nullable UUID eventId, Instant recordedAt, @Nullable Long chainPosition, @Nullable String hash) {

	public boolean sealed() {
		return hash != null;
	}

}
