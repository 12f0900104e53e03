package io.octavia.core.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.api.Problems;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large budgets are leased to nodes a share at a time and spent in memory: two nodes
 * sharing one Redis together never admit more than the budget, lose at most a lease each,
 * and ask Redis far less often than once per request.
 */
@OctaviaIntegrationTest
class RateLimitLeasingIntegrationTests {

	static final long BUDGET = 2_000;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	ApplicationContext context;

	@Test
	void twoNodesSpendOneBudgetThroughLeasesWithoutExceedingIt() throws Exception {
		RateLimitProperties.Limit limit = new RateLimitProperties.Limit(BUDGET, Duration.ofHours(1));
		RateLimitProperties properties = new RateLimitProperties(
				new RateLimitProperties.Plan(new RateLimitProperties.Limit(1_000_000, Duration.ofHours(1)), limit),
				Map.of(), limit, true);
		SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
		SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
		RateLimiting first = node(properties, firstMeters);
		RateLimiting second = node(properties, secondMeters);
		TenantContext.Scope caller = TenantContext.Scope.tenant(new TenantId(Ids.newId()), "test:" + Ids.newId());

		AtomicInteger admitted = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			List<Callable<Void>> work = java.util.stream.IntStream.range(0, 8).<Callable<Void>>mapToObj(t -> () -> {
				RateLimiting node = (t % 2 == 0) ? first : second;
				for (int i = 0; i < 400; i++) {
					(admit(node, caller) ? admitted : refused).incrementAndGet();
				}
				return null;
			}).toList();
			for (Future<Void> done : threads.invokeAll(work)) {
				done.get();
			}
		}

		assertThat(admitted.get() + refused.get()).isEqualTo(3_200);
		long lease = (long) (BUDGET * RateLimiting.LEASE_SHARE);
		assertThat(admitted.get()).as("never more than the budget").isLessThanOrEqualTo((int) BUDGET);
		assertThat(admitted.get()).as("at most the unspent leases of the two nodes are lost")
			.isGreaterThanOrEqualTo((int) (BUDGET - 2 * lease));
		long roundTrips = (long) (firstMeters.get("octavia.gateway.rate_limit.check").timer().count()
				+ secondMeters.get("octavia.gateway.rate_limit.check").timer().count());
		assertThat(roundTrips).as("Redis is asked about once per lease, not per request, nor per refusal")
			.isLessThan(admitted.get() / 5);
	}

	@Test
	void smallBudgetsAreStillCountedRequestByRequest() throws IOException {
		RateLimitProperties.Limit limit = new RateLimitProperties.Limit(150, Duration.ofHours(1));
		RateLimitProperties properties = new RateLimitProperties(new RateLimitProperties.Plan(limit, limit), Map.of(),
				limit, true);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		RateLimiting node = node(properties, meters);
		TenantContext.Scope caller = TenantContext.Scope.tenant(new TenantId(Ids.newId()), "test:" + Ids.newId());
		for (int i = 0; i < 10; i++) {
			MockHttpServletResponse response = new MockHttpServletResponse();
			assertThat(node.admit(caller, response)).isTrue();
			assertThat(response.getHeader("RateLimit-Remaining")).isEqualTo(Long.toString(149 - i));
		}
		assertThat(meters.get("octavia.gateway.rate_limit.check").timer().count()).isEqualTo(10);
	}

	private RateLimiting node(RateLimitProperties properties, SimpleMeterRegistry meters) {
		return new RateLimiting(redis, properties, context.getBeanProvider(RateLimitPlans.class),
				context.getBean(Problems.class), meters);
	}

	private static boolean admit(RateLimiting node, TenantContext.Scope caller) {
		try {
			return node.admit(caller, new MockHttpServletResponse());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
