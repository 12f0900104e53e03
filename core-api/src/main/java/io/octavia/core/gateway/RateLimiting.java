package io.octavia.core.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletResponse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
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

	/**
	 * A node leases this share of the smaller of a caller's budgets (when that is at
	 * least two requests), so a request in steady state makes no round trip to Redis: a
	 * lease is refilled in the background when half spent. Budgets of fewer than 200
	 * requests per period are counted request by request, exactly.
	 */
	static final double LEASE_SHARE = 0.01;

	/**
	 * Unspent leased requests are given up after this long, so idle nodes hoard nothing.
	 */
	static final Duration LEASE_TTL = Duration.ofSeconds(1);

	/** How long a tenant's plan change may take to reach its limits on a node. */
	static final Duration LIMITS_TTL = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(RateLimiting.class);

	/**
	 * The script's text, read once: a script made from a resource checks the resource's
	 * modification time on every call, which inside the application's jar means a thrown
	 * and caught FileNotFoundException per request.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SCRIPT = RedisScript.of(script("io/octavia/core/gateway/rate-limit.lua"),
			List.class);

	private static String script(String resource) {
		try {
			return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What the tightest limit says about a request. */
	record Decision(boolean allowed, String limit, long requests, long remaining, long resetSeconds,
			long retryAfterSeconds, long granted) {

		Decision spending(long left) {
			return new Decision(true, limit, requests, remaining + left, resetSeconds, 0, granted);
		}

	}

	/**
	 * Requests a node took from Redis at once and spends in memory. Every leased request
	 * was counted in Redis when it was taken, so leases never let more through than the
	 * budget; what a lease still holds when it expires is simply not used.
	 */
	static final class Lease {

		final AtomicLong tokens;

		final AtomicBoolean refilling = new AtomicBoolean();

		volatile Decision basis;

		volatile long expiresAt;

		Lease(long tokens, Decision basis) {
			this.tokens = new AtomicLong(tokens);
			this.basis = basis;
			this.expiresAt = System.nanoTime() + LEASE_TTL.toNanos();
		}

		boolean live() {
			return expiresAt - System.nanoTime() > 0;
		}

		private volatile @Nullable Decision refusal;

		private volatile long refusedUntil;

		/** Remembers a refusal until the budget can let a request through again. */
		void refuseUntil(Decision refused) {
			refusedUntil = System.nanoTime() + Duration.ofSeconds(refused.retryAfterSeconds()).toNanos();
			refusal = refused;
		}

		@Nullable Decision refusal() {
			Decision refused = refusal;
			if (refused == null || refusedUntil - System.nanoTime() <= 0) {
				return null;
			}
			long secondsLeft = Math.max(1, (refusedUntil - System.nanoTime() + 999_999_999) / 1_000_000_000);
			return new Decision(false, refused.limit(), refused.requests(), 0, refused.resetSeconds(), secondsLeft, 0);
		}

		/** Takes one leased request; how many are left after it, or -1 when none was. */
		long take() {
			while (true) {
				long left = tokens.get();
				if (left <= 0) {
					return -1;
				}
				if (tokens.compareAndSet(left, left - 1)) {
					return left - 1;
				}
			}
		}

		void add(Decision taken, long granted) {
			refusal = null;
			basis = taken;
			tokens.addAndGet(granted);
			expiresAt = System.nanoTime() + LEASE_TTL.toNanos();
		}

	}

	private final StringRedisTemplate redis;

	private final RateLimitProperties properties;

	private final ObjectProvider<RateLimitPlans> plans;

	private final Problems problems;

	private final MeterRegistry meters;

	private final Counter unavailable;

	private final Timer checks;

	private volatile long pausedUntil = System.nanoTime();

	private final Cache<String, Lease> leases = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(LEASE_TTL.multipliedBy(10))
		.build();

	/**
	 * The limits of recent callers, as the plan had them at most {@link #LIMITS_TTL} ago:
	 * looking up the plan and building the keys on every request was a measurable part of
	 * an authenticated request's cost (BENCHMARKS.md).
	 */
	private final Cache<LimitsKey, Limits> recentLimits = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(LIMITS_TTL)
		.build();

	private record LimitsKey(@Nullable TenantId tenant, String actor, @Nullable Integer credentialPerMinute) {
	}

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
		return admit(caller, null, response);
	}

	/**
	 * As {@link #admit(TenantContext.Scope, HttpServletResponse)}, with the credential's
	 * own budget (an API key's requests per minute) in place of the plan's.
	 */
	boolean admit(TenantContext.Scope caller, @Nullable Integer credentialPerMinute, HttpServletResponse response)
			throws IOException {
		Limits limits = recentLimits.get(new LimitsKey(caller.tenantId(), caller.actor(), credentialPerMinute),
				(key) -> limits(caller, credentialPerMinute));
		if (limits.leaseSize() < 2) {
			return admit(evaluate(limits, 1), response);
		}
		Lease lease = leases.getIfPresent(limits.leaseKey());
		Decision refusal = (lease != null) ? lease.refusal() : null;
		if (refusal != null) {
			// the budget cannot refill before its retry time: no need to ask Redis again
			return admit(Optional.of(refusal), response);
		}
		if (lease != null && lease.live()) {
			long left = lease.take();
			if (left >= 0) {
				if (left < limits.leaseSize() / 2 && lease.refilling.compareAndSet(false, true)) {
					Thread.ofVirtual().name("octavia-rate-limit-lease").start(() -> refill(lease, limits));
				}
				return admit(Optional.of(lease.basis.spending(left)), response);
			}
		}
		Optional<Decision> taken = evaluate(limits, limits.leaseSize());
		if (taken.isPresent() && !taken.get().allowed()) {
			leases.asMap()
				.computeIfAbsent(limits.leaseKey(), (key) -> new Lease(0, taken.get()))
				.refuseUntil(taken.get());
		}
		if (taken.isPresent() && taken.get().allowed() && taken.get().granted() > 1) {
			Decision decision = taken.get();
			// requests leased by threads that ran out at the same moment add up, none is
			// lost
			leases.asMap().merge(limits.leaseKey(), new Lease(decision.granted() - 1, decision), (current, fresh) -> {
				if (!current.live()) {
					return fresh;
				}
				current.add(decision, decision.granted() - 1);
				return current;
			});
		}
		return admit(taken.map((decision) -> decision.allowed() ? decision.spending(decision.granted() - 1) : decision),
				response);
	}

	private void refill(Lease lease, Limits limits) {
		try {
			evaluate(limits, limits.leaseSize()).filter(Decision::allowed)
				.ifPresent((taken) -> lease.add(taken, taken.granted()));
		}
		finally {
			lease.refilling.set(false);
		}
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
		return evaluate(limits(caller, null), 1);
	}

	/**
	 * The limits a caller's request counts against, as the script's keys and arguments.
	 */
	private record Limits(List<String> names, List<String> keys, List<String> arguments, String leaseKey,
			long leaseSize) {
	}

	private Limits limits(TenantContext.Scope caller, @Nullable Integer credentialPerMinute) {
		TenantId tenant = caller.tenantId();
		RateLimitProperties.Plan plan = properties.plan((tenant != null)
				? plans.getIfAvailable(() -> RateLimitPlans.DEFAULT).planOf(tenant) : Optional.empty());
		if (credentialPerMinute != null) {
			plan = new RateLimitProperties.Plan(plan.tenant(),
					new RateLimitProperties.Limit(credentialPerMinute, Duration.ofMinutes(1)));
		}
		// one hash tag per tenant: both keys live in the same slot of a Redis cluster
		String prefix = "octavia:rate-limit:{" + ((tenant != null) ? tenant : "platform") + "}:";
		List<String> names = new ArrayList<>(2);
		List<String> keys = new ArrayList<>(2);
		List<String> arguments = new ArrayList<>(5);
		long smallest = plan.credential().requests();
		if (tenant != null) {
			add("tenant", prefix + "tenant", plan.tenant(), names, keys, arguments);
			smallest = Math.min(smallest, plan.tenant().requests());
		}
		add("credential", prefix + "credential:" + caller.actor(), plan.credential(), names, keys, arguments);
		return new Limits(names, keys, arguments, prefix + caller.actor(), (long) Math.floor(smallest * LEASE_SHARE));
	}

	private Optional<Decision> evaluate(Limits limits, long wanted) {
		List<String> arguments = new ArrayList<>(limits.arguments());
		arguments.add(Long.toString(wanted));
		return evaluate(limits.names(), limits.keys(), arguments);
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
			return Optional
				.of(new Decision(number(result, 0) == 1, names.get((int) number(result, 1) - 1), number(result, 2),
						number(result, 3), seconds(number(result, 4)), seconds(number(result, 5)), number(result, 6)));
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
