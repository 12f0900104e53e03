package io.octavia.core.api.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import io.octavia.core.audit.ActorKind;
import io.octavia.core.audit.AuditQuery;
import io.octavia.core.platform.FieldProblems;

/**
 * The filters of an audit log query, as query parameters. Taken as text and checked here,
 * so every malformed value is reported with its field in one localized problem.
 */
record AuditRecordsRequest(@Schema(description = "only actions of this kind of actor", allowableValues = {
		"user", "api_key", "system", "operator" }) @Nullable String actorKind,
		@Schema(description = "only actions of this actor (user id, key prefix, job or operator id)") @Nullable String actorId,
		@Schema(description = "only this action", example = "tenant.suspended") @Nullable String action,
		@Schema(description = "only actions on this kind of thing", example = "tenant") @Nullable String targetType,
		@Schema(description = "only actions on this thing") @Nullable String targetId,
		@Schema(description = "only actions at or after this instant (ISO 8601)", format = "date-time",
				example = "2026-11-25T00:00:00Z") @Nullable String from,
		@Schema(description = "only actions before this instant (ISO 8601)", format = "date-time") @Nullable String to,
		@Schema(description = "nextCursor of the previous page") @Nullable String cursor,
		@Schema(description = "page size, 1 to " + AuditQuery.MAX_LIMIT, type = "integer",
				defaultValue = "" + AuditQuery.DEFAULT_LIMIT) @Nullable String limit){

	/**
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed} naming
	 * every malformed parameter
	 */
	AuditQuery toQuery() {
		FieldProblems problems = new FieldProblems();
		ActorKind kind = null;
		if (present(actorKind)) {
			try {
				kind = ActorKind.of(actorKind);
			}
			catch (IllegalArgumentException ex) {
				problems.add("actorKind", "api.field.audit.actor_kind");
			}
		}
		Instant fromInstant = instant("from", from, problems);
		Instant toInstant = instant("to", to, problems);
		int size = AuditQuery.DEFAULT_LIMIT;
		if (present(limit)) {
			try {
				size = Integer.parseInt(limit.strip());
			}
			catch (NumberFormatException ex) {
				problems.add("limit", "api.field.limit", AuditQuery.MAX_LIMIT);
			}
		}
		problems.throwIfAny();
		return new AuditQuery(kind, blankToNull(actorId), blankToNull(action), blankToNull(targetType),
				blankToNull(targetId), fromInstant, toInstant, blankToNull(cursor), size);
	}

	private static @Nullable Instant instant(String field, @Nullable String text, FieldProblems problems) {
		if (!present(text)) {
			return null;
		}
		try {
			return Instant.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			problems.add(field, "api.field.audit.instant");
			return null;
		}
	}

	private static boolean present(@Nullable String text) {
		return text != null && !text.isBlank();
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return present(text) ? text.strip() : null;
	}

}
