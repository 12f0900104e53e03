package io.octavia.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * 429 {@code rate_limited}: the tenant's or the credential's budget is spent. Thrown
 * after the retries, or at once when {@code Retry-After} is longer than the retry policy
 * waits.
 */
public class RateLimitedException extends OctaviaProblemException {

	private final @Nullable Duration retryAfter;

	public RateLimitedException(int status, Map<String, @Nullable Object> properties, HttpHeaders headers,
			@Nullable Duration retryAfter) {
		super(status, properties, headers);
		this.retryAfter = retryAfter;
	}

	/**
	 * How long to wait before the budget allows another request ({@code Retry-After}).
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
