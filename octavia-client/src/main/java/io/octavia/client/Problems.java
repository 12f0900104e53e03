package io.octavia.client;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Turns error responses into typed exceptions. */
final class Problems {

	private Problems() {
	}

	static OctaviaProblemException from(int status, HttpHeaders headers, byte[] body, Clock clock) {
		Map<String, @Nullable Object> properties = properties(headers, body);
		Duration retryAfter = retryAfter(headers, clock);
		return switch (status) {
			case 400, 422 -> new ValidationException(status, properties, headers);
			case 401 -> new AuthenticationException(status, properties, headers);
			case 403 -> new PermissionException(status, properties, headers);
			case 404 -> new NotFoundException(status, properties, headers);
			case 409 -> new ConflictException(status, properties, headers, retryAfter);
			case 429 -> new RateLimitedException(status, properties, headers, retryAfter);
			default -> (status >= 500) ? new ServerException(status, properties, headers)
					: new OctaviaProblemException(status, properties, headers);
		};
	}

	/**
	 * The problem document's members; empty when the body is not a JSON object (a proxy's
	 * HTML error page, say), so that the status still maps to its exception.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, @Nullable Object> properties(HttpHeaders headers, byte[] body) {
		boolean json = headers.firstValue("Content-Type").map((type) -> type.contains("json")).orElse(false);
		if (!json || body.length == 0) {
			return Map.of();
		}
		try {
			return (Json.parse(new String(body, StandardCharsets.UTF_8)) instanceof Map<?, ?> object)
					? (Map<String, @Nullable Object>) object : Map.of();
		}
		catch (IllegalArgumentException ex) {
			return Map.of();
		}
	}

	/**
	 * {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 §10.2.3); null if
	 * absent or unreadable.
	 */
	static @Nullable Duration retryAfter(HttpHeaders headers, Clock clock) {
		String value = headers.firstValue("Retry-After").map(String::strip).orElse(null);
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.chars().allMatch(Character::isDigit)) {
			try {
				return Duration.ofSeconds(Long.parseLong(value));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		try {
			Duration until = Duration.between(clock.instant(),
					ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return until.isNegative() ? Duration.ZERO : until;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
