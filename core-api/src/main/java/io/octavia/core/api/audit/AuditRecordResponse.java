package io.octavia.core.api.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.audit.AuditRecord;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;

import tools.jackson.databind.JsonNode;

/**
 * A recorded action.
 *
 * @param tenantId the log it belongs to; the nil UUID for the platform's own log
 * @param occurredAt when it happened
 * @param recordedAt when the log stored it
 * @param before the relevant state before the action, if any
 * @param after the relevant state after it, if any
 * @param eventId the domain event it was recorded from, if any
 * @param chain its place in the log's hash chain; null until sealed (within seconds)
 */
record AuditRecordResponse(UUID id, TenantId tenantId, Instant occurredAt, Instant recordedAt, Actor actor,
		@Nullable BrandId brandId, String action, Target target, @Nullable JsonNode before, @Nullable JsonNode after,
		@Nullable String requestId, @Nullable String clientIp, @Nullable String userAgent, @Nullable UUID eventId,
		@Nullable Chain chain) {

	/**
	 * @param kind {@code user}, {@code api_key}, {@code system} or {@code operator}
	 * @param id the user id, key prefix, job name or operator id
	 */
	record Actor(String kind, String id) {
	}

	/**
	 * @param type the kind of thing acted on, e.g. {@code tenant}
	 * @param id its id, if it has one
	 */
	record Target(String type, @Nullable String id) {
	}

	/**
	 * @param position place in the chain, from 1
	 * @param hash hex SHA-256 over the previous record's hash and this record
	 */
	record Chain(long position, String hash) {
	}

	static AuditRecordResponse of(AuditRecord record) {
		Chain chain = (record.chainPosition() != null && record.hash() != null)
				? new Chain(record.chainPosition(), record.hash()) : null;
		return new AuditRecordResponse(record.id(), record.tenantId(), record.occurredAt(), record.recordedAt(),
				new Actor(record.actor().kind().value(), record.actor().id()), record.brandId(), record.action(),
				new Target(record.targetType(), record.targetId()), record.before(), record.after(), record.requestId(),
				record.clientIp(), record.userAgent(), record.eventId(), chain);
	}

}
