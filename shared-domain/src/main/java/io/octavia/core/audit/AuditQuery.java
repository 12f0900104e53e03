package io.octavia.core.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which records of one log to show, newest first (ties broken by id), a page at a time.
 * Every filter is optional and exact.
 *
 * @param actorKind only actions of this kind of actor
 * @param actorId only actions of this actor
 * @param action only this action, e.g. {@code tenant.suspended}
 * @param targetType only actions on this kind of thing, e.g. {@code brand}
 * @param targetId only actions on this thing
 * @param from only actions at or after this instant
 * @param to only actions before this instant
 * @param cursor where the previous page ended ({@link AuditPage#nextCursor()}); null for
 * the first page
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 */
public record AuditQuery(@Nullable ActorKind actorKind, @Nullable String actorId, @Nullable String action,
		@Nullable String targetType, @Nullable String targetId, @Nullable Instant from, @Nullable Instant to,
		@Nullable String cursor, int limit) {

	public static final int MAX_LIMIT = 200;

	public static final int DEFAULT_LIMIT = 50;

	/** Everything, first page. */
	public static AuditQuery all() {
		return new AuditQuery(null, null, null, null, null, null, null, null, DEFAULT_LIMIT);
	}

	public AuditQuery withCursor(@Nullable String cursor) {
		return new AuditQuery(actorKind, actorId, action, targetType, targetId, from, to, cursor, limit);
	}

	public AuditQuery withLimit(int limit) {
		return new AuditQuery(actorKind, actorId, action, targetType, targetId, from, to, cursor, limit);
	}

}
