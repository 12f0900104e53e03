package io.octavia.client;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * 400 or 422: the request was refused as it is ({@code validation_failed} with
 * {@link #errors()} per field, {@code malformed_json}, {@code idempotency_key_reused},
 * …).
 */
public class ValidationException extends OctaviaProblemException {

	private final List<FieldError> errors;

	public ValidationException(int status, Map<String, @Nullable Object> properties, HttpHeaders headers) {
		super(status, properties, headers);
		this.errors = fieldErrors(properties.get("errors"));
	}

	private static List<FieldError> fieldErrors(@Nullable Object errors) {
		List<FieldError> fieldErrors = new ArrayList<>();
		if (errors instanceof List<?> items) {
			for (Object item : items) {
				if (item instanceof Map<?, ?> error) {
					fieldErrors
						.add(new FieldError(String.valueOf(error.get("field")), String.valueOf(error.get("message"))));
				}
			}
		}
		return List.copyOf(fieldErrors);
	}

	/** The invalid fields, in the server's order; empty if the problem names none. */
	public List<FieldError> errors() {
		return this.errors;
	}

	/**
	 * One invalid field: its JSON path as the server names it and a localized message.
	 */
	public record FieldError(String field, String message) {
	}

}
