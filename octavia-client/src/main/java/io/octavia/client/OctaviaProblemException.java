package io.octavia.client;

import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The server answered with an error status, as an RFC 9457 problem ({@code
 * application/problem+json}) when it is Octavia's own answer. Subclasses name the common
 * kinds; program against {@link #code()}, which is stable, never against title or detail,
 * which are localized.
 */
public class OctaviaProblemException extends OctaviaException {

	private final int status;

	private final @Nullable String code;

	private final @Nullable String title;

	private final @Nullable String detail;

	private final @Nullable String requestId;

	private final Map<String, @Nullable Object> properties;

	private final HttpHeaders headers;

	public OctaviaProblemException(int status, Map<String, @Nullable Object> properties, HttpHeaders headers) {
		super(message(status, properties));
		this.status = status;
		this.properties = properties;
		this.headers = headers;
		this.code = string(properties, "code");
		this.title = string(properties, "title");
		this.detail = string(properties, "detail");
		String requestId = string(properties, "requestId");
		this.requestId = (requestId != null) ? requestId : headers.firstValue("x-request-id").orElse(null);
	}

	private static String message(int status, Map<String, @Nullable Object> properties) {
		StringBuilder message = new StringBuilder("HTTP ").append(status);
		String code = string(properties, "code");
		if (code != null) {
			message.append(' ').append(code);
		}
		String detail = string(properties, "detail");
		String title = string(properties, "title");
		if (detail != null || title != null) {
			message.append(": ").append((detail != null) ? detail : title);
		}
		String requestId = string(properties, "requestId");
		if (requestId != null) {
			message.append(" (request ").append(requestId).append(')');
		}
		return message.toString();
	}

	static @Nullable String string(Map<String, @Nullable Object> properties, String name) {
		return (properties.get(name) instanceof String value) ? value : null;
	}

	/** The HTTP status. */
	public int status() {
		return this.status;
	}

	/**
	 * The stable problem code ({@code scope_missing}, {@code nonce_replayed}, …), if the
	 * body had one.
	 */
	public @Nullable String code() {
		return this.code;
	}

	public @Nullable String title() {
		return this.title;
	}

	public @Nullable String detail() {
		return this.detail;
	}

	/**
	 * The id to quote to support: the problem's {@code requestId}, else the
	 * {@code x-request-id} header.
	 */
	public @Nullable String requestId() {
		return this.requestId;
	}

	/**
	 * Every member of the problem document, feature-specific ones included; empty without
	 * a JSON body.
	 */
	public Map<String, @Nullable Object> properties() {
		return this.properties;
	}

	/** One member of the problem document. */
	public Optional<Object> property(String name) {
		return Optional.ofNullable(this.properties.get(name));
	}

	/** The response's headers. */
	public HttpHeaders headers() {
		return this.headers;
	}

}
