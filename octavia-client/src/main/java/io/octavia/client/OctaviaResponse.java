package io.octavia.client;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** A successful (non-error) response: status, headers and the body as received. */
public final class OctaviaResponse {

	private final int status;

	private final HttpHeaders headers;

	private final byte[] body;

	OctaviaResponse(int status, HttpHeaders headers, byte[] body) {
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	public int status() {
		return this.status;
	}

	public HttpHeaders headers() {
		return this.headers;
	}

	public Optional<String> header(String name) {
		return this.headers.firstValue(name);
	}

	/** The server's id of this request ({@code x-request-id}), to quote to support. */
	public Optional<String> requestId() {
		return header("x-request-id");
	}

	/** Whether the server answered a repeated write from its idempotency store. */
	public boolean idempotentReplayed() {
		return header("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false);
	}

	public byte[] body() {
		return this.body.clone();
	}

	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * The body as JSON: {@link Map}, {@link List}, String, Long/BigInteger, BigDecimal,
	 * Boolean, or null for an empty body.
	 * @throws OctaviaException if the body is not JSON
	 */
	public @Nullable Object json() {
		if (this.body.length == 0) {
			return null;
		}
		try {
			return Json.parse(bodyAsString());
		}
		catch (IllegalArgumentException ex) {
			throw new OctaviaException("the response body is not JSON (HTTP " + this.status + ")", ex);
		}
	}

	/**
	 * The body as a JSON object.
	 * @throws OctaviaException if the body is not a JSON object
	 */
	@SuppressWarnings("unchecked")
	public Map<String, @Nullable Object> jsonObject() {
		if (json() instanceof Map<?, ?> object) {
			return (Map<String, @Nullable Object>) object;
		}
		throw new OctaviaException("the response body is not a JSON object (HTTP " + this.status + ")");
	}

}
