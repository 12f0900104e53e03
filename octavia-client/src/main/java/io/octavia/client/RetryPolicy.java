package io.octavia.client;

import java.time.Duration;

/**
 * When and how long the client waits before it repeats a request. Only requests that are
 * safe to repeat are retried (GET, HEAD, OPTIONS, and writes that carry an
 * Idempotency-Key), after a connection failure, 429, 502, 503, 504 or 409
 * {@code idempotency_in_progress}. The wait is the server's {@code Retry-After} when it
 * sent one, else exponential backoff with full jitter: a random time between zero and
 * {@code min(maxDelay, baseDelay × 2^(retry − 1))}.
 *
 * @param maxAttempts attempts in all, the first included (1 = never retry)
 * @param baseDelay the backoff ceiling of the first retry
 * @param maxDelay the largest backoff ceiling
 * @param maxRetryAfter the longest {@code Retry-After} the client waits for; a longer one
 * is thrown at once, so that a call never blocks for minutes
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1");
		}
		if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || maxRetryAfter.isNegative()) {
			throw new IllegalArgumentException("delays must be positive and maxDelay at least baseDelay");
		}
	}

	/** 3 attempts, backoff from 100 ms up to 2 s, Retry-After honoured up to 30 s. */
	public static RetryPolicy defaults() {
		return new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30));
	}

	/** One attempt only. */
	public static RetryPolicy none() {
		return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
	}

	public RetryPolicy withMaxAttempts(int attempts) {
		return new RetryPolicy(attempts, this.baseDelay, this.maxDelay, this.maxRetryAfter);
	}

	/**
	 * The full-jitter backoff before retry number {@code retry} (1 for the second
	 * attempt).
	 * @param random uniformly distributed in [0, 1)
	 */
	Duration backoff(int retry, double random) {
		long max = this.maxDelay.toNanos();
		long ceiling = Math.min(this.baseDelay.toNanos(), max);
		for (int i = 1; i < retry && ceiling < max; i++) {
			ceiling = (ceiling > max / 2) ? max : ceiling * 2;
		}
		return Duration.ofNanos((long) (ceiling * random));
	}

}
