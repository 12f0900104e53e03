package io.octavia.core.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.api.Problems;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Rate limits of the API per tenant and per credential, kept in Redis only, so every node
 * counts against the same budget and a restarted node forgets nothing. One atomic script
 * call per request checks and counts both limits (GCRA, see {@code rate-limit.lua}); the
 * keys expire when a budget is full again.
 * <p>
 * When Redis cannot be reached, requests pass unlimited (fail open): an outage of the
 * limiter must not become an outage of the API. It is logged at WARN and counted
 * ({@code octavia.gateway.rate_limit.unavailable}); after a failure Redis is left alone
 * for {@link #PAUSE}, so requests do not each wait for its timeout.
 */
@Component
class RateLimiting {

	static final Duration PAUSE = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(RateLimiting.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SCRIPT = RedisScript
		.of(new ClassPathResource("io/octavia/core/gateway/rate-limit.lua"), List.class);

	/** What the tightest limit says about a request. */
	record Decision(boolean allowed, String limit, long requests, long remaining, long resetSeconds,
			long retryAfterSeconds) {
	}

	private final StringRedisTemplate redis;

	private final RateLimitProperties properties;

	private final ObjectProvider<RateLimitPlans> plans;

	private final Problems problems;

	private final MeterRegistry meters;

	private final Counter unavailable;

	private final Timer checks;

	private volatile long pausedUntil = System.nanoTime();

	RateLimiting(StringRedisTemplate redis, RateLimitProperties properties, ObjectProvider<RateLimitPlans> plans,
			Problems problems, MeterRegistry meters) {
		this.redis = redis;
		this.properties = properties;
		this.plans = plans;
		this.problems = problems;
		this.meters = meters;
		this.unavailable = Counter.builder("octavia.gateway.rate_limit.unavailable")
			.description("API requests let through unlimited because Redis could not be reached")
			.register(meters);
		this.checks = Timer.builder("octavia.gateway.rate_limit.check")
			.description("Round trips to Redis that checked and counted a request")
			.register(meters);
	}

	/**
	 * Counts the request of the bound caller and sets the {@code RateLimit-*} headers.
	 * @return false when a limit is exhausted; the 429 problem is then written
	 */
	boolean admit(TenantContext.Scope caller, HttpServletResponse response) throws IOException {
		return admit(decide(caller), response);
	}

	/**
	 * Counts a request without a credential against its client address.
	 * @return false when the address' budget is exhausted; the 429 problem is then
	 * written
	 */
	boolean admitAnonymous(String clientAddress, HttpServletResponse response) throws IOException {
		if (!properties.limitAnonymous()) {
			return true;
		}
		List<String> names = new ArrayList<>(1);
		List<String> keys = new ArrayList<>(1);
		List<String> arguments = new ArrayList<>(2);
		add("address", "octavia:rate-limit:{address:" + clientAddress + "}:anonymous", properties.anonymous(), names,
				keys, arguments);
		return admit(evaluate(names, keys, arguments), response);
	}

	private boolean admit(Optional<Decision> decision, HttpServletResponse response) throws IOException {
		if (decision.isEmpty()) {
			return true;
		}
		Decision limit = decision.get();
		response.setHeader("RateLimit-Limit", Long.toString(limit.requests()));
		response.setHeader("RateLimit-Remaining", Long.toString(limit.remaining()));
		response.setHeader("RateLimit-Reset", Long.toString(limit.resetSeconds()));
		if (limit.allowed()) {
			return true;
		}
		meters.counter("octavia.gateway.rate_limited", "limit", limit.limit()).increment();
		problems.write(response, problems.of(429, "rate_limited", limit.retryAfterSeconds()),
				Map.of("Retry-After", Long.toString(limit.retryAfterSeconds())));
		return false;
	}

	/** Empty when Redis cannot be asked: the request passes unlimited. */
	Optional<Decision> decide(TenantContext.Scope caller) {
		TenantId tenant = caller.tenantId();
		RateLimitProperties.Plan plan = properties.plan((tenant != null)
				? plans.getIfAvailable(() -> RateLimitPlans.DEFAULT).planOf(tenant) : Optional.empty());
		// one hash tag per tenant: both keys live in the same slot of a Redis cluster
		String prefix = "octavia:rate-limit:{" + ((tenant != null) ? tenant : "platform") + "}:";
		List<String> names = new ArrayList<>(2);
		List<String> keys = new ArrayList<>(2);
		List<String> arguments = new ArrayList<>(4);
		if (tenant != null) {
			add("tenant", prefix + "tenant", plan.tenant(), names, keys, arguments);
		}
		add("credential", prefix + "credential:" + caller.actor(), plan.credential(), names, keys, arguments);
		return evaluate(names, keys, arguments);
	}

	private Optional<Decision> evaluate(List<String> names, List<String> keys, List<String> arguments) {
		if (pausedUntil - System.nanoTime() > 0) {
			unavailable.increment();
			return Optional.empty();
		}
		try {
			Timer.Sample sample = Timer.start();
			List<?> result = redis.execute(SCRIPT, keys, arguments.toArray());
			sample.stop(checks);
			return Optional.of(new Decision(number(result, 0) == 1, names.get((int) number(result, 1) - 1),
					number(result, 2), number(result, 3), seconds(number(result, 4)), seconds(number(result, 5))));
		}
		catch (DataAccessException ex) {
			pausedUntil = System.nanoTime() + PAUSE.toNanos();
			unavailable.increment();
			log.warn("Rate limits not enforced for {} s: Redis cannot be reached ({})", PAUSE.toSeconds(),
					ex.getMessage());
			return Optional.empty();
		}
	}

	private static void add(String name, String key, RateLimitProperties.Limit limit, List<String> names,
			List<String> keys, List<String> arguments) {
		names.add(name);
		keys.add(key);
		arguments.add(Long.toString(limit.requests()));
		arguments.add(Long.toString(limit.periodMicros()));
	}

	private static long number(List<?> result, int index) {
		return ((Number) result.get(index)).longValue();
	}

	/** Whole seconds, rounded up: a client waiting that long is never early. */
	private static long seconds(long micros) {
		return (micros + 999_999) / 1_000_000;
	}

}
