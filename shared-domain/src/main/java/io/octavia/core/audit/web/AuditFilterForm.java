package io.octavia.core.audit.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.audit.ActorKind;
import io.octavia.core.audit.AuditQuery;

/**
 * The filters of the console's audit log viewer, as the browser sends them: text, checked
 * here so a malformed value becomes an inline field error rather than a failed request.
 * Times come from {@code datetime-local} inputs and are read as UTC, the time zone the
 * log shows.
 */
public record AuditFilterForm(@Nullable String actorKind, @Nullable String actorId, @Nullable String action,
		@Nullable String targetType, @Nullable String targetId, @Nullable String from, @Nullable String to,
		@Nullable String cursor) {

	/** Rows per page in the consoles. */
	public static final int PAGE_SIZE = 50;

	public static AuditFilterForm empty() {
		return new AuditFilterForm(null, null, null, null, null, null, null, null);
	}

	/** The filters as URL query parameters, without the cursor; blank ones left out. */
	public Map<String, String> parameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		put(parameters, "actorKind", actorKind);
		put(parameters, "actorId", actorId);
		put(parameters, "action", action);
		put(parameters, "targetType", targetType);
		put(parameters, "targetId", targetId);
		put(parameters, "from", from);
		put(parameters, "to", to);
		return parameters;
	}

	/**
	 * The query, with {@code errors} filled (field → message key) for every value that
	 * cannot be read.
	 */
	AuditQuery toQuery(Map<String, String> errors) {
		ActorKind kind = null;
		if (present(actorKind)) {
			try {
				kind = ActorKind.of(actorKind.strip());
			}
			catch (IllegalArgumentException ex) {
				errors.put("actorKind", "api.field.audit.actor_kind");
			}
		}
		Instant start = instant("from", from, errors);
		Instant end = instant("to", to, errors);
		if (start != null && end != null && !start.isBefore(end)) {
			errors.put("to", "api.field.audit.time_range");
		}
		return new AuditQuery(kind, text(actorId), text(action), text(targetType), text(targetId), start, end,
				text(cursor), PAGE_SIZE);
	}

	private static @Nullable Instant instant(String field, @Nullable String value, Map<String, String> errors) {
		if (!present(value)) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "ui.audit.field.time");
			return null;
		}
	}

	private static void put(Map<String, String> parameters, String name, @Nullable String value) {
		if (present(value)) {
			parameters.put(name, value.strip());
		}
	}

	private static @Nullable String text(@Nullable String value) {
		return present(value) ? value.strip() : null;
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
