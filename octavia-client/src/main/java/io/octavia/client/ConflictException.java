package io.octavia.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * 409: the request conflicts with the current state ({@code tenant_slug_taken}, …). Also
 * {@code idempotency_in_progress} when the first request with the same Idempotency-Key
 * was still running through all retries.
 */
public class ConflictException extends OctaviaProblemException {

	private final @Nullable Duration retryAfter;

	public ConflictException(int status, Map<String, @Nullable Object> properties, HttpHeaders headers,
			@Nullable Duration retryAfter) {
		super(status, properties, headers);
		this.retryAfter = retryAfter;
	}

	/** The server's {@code Retry-After}, sent with {@code idempotency_in_progress}. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
