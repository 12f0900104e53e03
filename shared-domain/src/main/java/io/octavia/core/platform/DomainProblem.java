package io.octavia.core.platform;

import java.util.List;
import java.util.Map;

/**
 * A refusal the caller can understand and act on. The API turns it into an RFC 9457
 * problem whose title and detail come from the message keys
 * {@code api.problem.<code>.title} and {@code .detail}, localized for the caller; the
 * consoles show the same text.
 */
public class DomainProblem extends RuntimeException {

	/** The kind of refusal; decides the HTTP status. */
	public enum Kind {

		BAD_REQUEST(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), GONE(410),
		UNPROCESSABLE(422), TOO_MANY_REQUESTS(429);

		private final int status;

		Kind(int status) {
			this.status = status;
		}

		public int status() {
			return status;
		}

	}

	/** A field that failed validation, with the message key that explains why. */
	public record FieldProblem(String field, String messageKey, List<Object> arguments) {
	}

	private final Kind kind;

	private final String code;

	private final List<Object> arguments;

	private final List<FieldProblem> fields;

	private final Map<String, Object> properties;

	public DomainProblem(Kind kind, String code, Object... arguments) {
		this(kind, code, List.of(arguments), List.of(), Map.of());
	}

	public DomainProblem(Kind kind, String code, List<Object> arguments, List<FieldProblem> fields,
			Map<String, Object> properties) {
		super(code);
		this.kind = kind;
		this.code = code;
		this.arguments = List.copyOf(arguments);
		this.fields = List.copyOf(fields);
		this.properties = Map.copyOf(properties);
	}

	public Kind kind() {
		return kind;
	}

	/** Stable machine-readable code, e.g. {@code tenant_suspended}. */
	public String code() {
		return code;
	}

	public List<Object> arguments() {
		return arguments;
	}

	public List<FieldProblem> fields() {
		return fields;
	}

	/** Extra members of the problem document, e.g. the available balance. */
	public Map<String, Object> properties() {
		return properties;
	}

}
