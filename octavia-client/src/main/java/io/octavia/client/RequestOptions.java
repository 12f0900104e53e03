package io.octavia.client;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Per-call settings of {@link OctaviaClient#send}.
 *
 * @param idempotencyKey the Idempotency-Key to send on a write, or null for a new UUID
 * per call (kept across the call's retries)
 * @param sendIdempotencyKey false to send none: the write is then never retried
 * @param headers more request headers
 */
public record RequestOptions(@Nullable String idempotencyKey, boolean sendIdempotencyKey, Map<String, String> headers) {

	public RequestOptions {
		if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7E]{1,255}")) {
			throw new IllegalArgumentException("an Idempotency-Key is 1 to 255 visible ASCII characters");
		}
		headers = Map.copyOf(headers);
	}

	public static RequestOptions defaults() {
		return new RequestOptions(null, true, Map.of());
	}

	/**
	 * Your own key, for a write you may repeat later (after a crash, from another
	 * process): the server answers a repeat with the first response.
	 */
	public static RequestOptions idempotencyKey(String key) {
		return new RequestOptions(key, true, Map.of());
	}

	/** No Idempotency-Key: the write is sent once and never retried. */
	public static RequestOptions withoutIdempotencyKey() {
		return new RequestOptions(null, false, Map.of());
	}

	public RequestOptions header(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(this.headers);
		more.put(name, value);
		return new RequestOptions(this.idempotencyKey, this.sendIdempotencyKey, more);
	}

}
