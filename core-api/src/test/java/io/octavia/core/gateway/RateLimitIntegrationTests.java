package io.octavia.core.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.octavia.core.OctaviaCoreApplication;
import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.api.Problems;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

import static io.octavia.core.gateway.GatewayProbeController.PATH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API rate limits in Redis: a credential's and a tenant's budgets run out and refill, a
 * tenant's plan decides its limits, and two nodes sharing Redis count against one budget.
 * Small limits: 3 requests per 6 s per credential, 5 per 10 s per tenant (one request
 * back every 2 s).
 */
@OctaviaIntegrationTest(properties = { RateLimitIntegrationTests.CREDENTIAL_REQUESTS,
		RateLimitIntegrationTests.CREDENTIAL_PERIOD, RateLimitIntegrationTests.TENANT_REQUESTS,
		RateLimitIntegrationTests.TENANT_PERIOD, "octavia.gateway.rate-limits.plans.generous.tenant.requests=100",
		"octavia.gateway.rate-limits.plans.generous.tenant.period=10s",
		"octavia.gateway.rate-limits.plans.generous.credential.requests=50",
		"octavia.gateway.rate-limits.plans.generous.credential.period=10s",
		"octavia.gateway.rate-limits.anonymous.requests=4", "octavia.gateway.rate-limits.anonymous.period=10s" })
@Import(RateLimitIntegrationTests.Plans.class)
@ExtendWith(OutputCaptureExtension.class)
class RateLimitIntegrationTests {

	static final String CREDENTIAL_REQUESTS = "octavia.gateway.rate-limits.default-plan.credential.requests=3";

	static final String CREDENTIAL_PERIOD = "octavia.gateway.rate-limits.default-plan.credential.period=6s";

	static final String TENANT_REQUESTS = "octavia.gateway.rate-limits.default-plan.tenant.requests=5";

	static final String TENANT_PERIOD = "octavia.gateway.rate-limits.default-plan.tenant.period=10s";

	/** Tenants on the plan {@code generous}; everyone else is on the default plan. */
	static final Set<TenantId> generous = ConcurrentHashMap.newKeySet();

	@TestConfiguration(proxyBeanMethods = false)
	static class Plans {

		@Bean
		RateLimitPlans testRateLimitPlans() {
			return tenant -> generous.contains(tenant) ? Optional.of("generous") : Optional.empty();
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	final JsonMapper json = JsonMapper.builder().build();

	TestHttp http;

	@BeforeEach
	void setUp() {
		http = new TestHttp(port);
	}

	@Test
	void aCredentialsBudgetRunsOutAndRefills() throws InterruptedException {
		String credential = "tenant=" + Ids.newId();
		for (int remaining = 2; remaining >= 0; remaining--) {
			HttpResponse<String> response = http.get(PATH, "x-test-credential", credential);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("RateLimit-Limit")).contains("3");
			assertThat(response.headers().firstValue("RateLimit-Remaining")).contains(Integer.toString(remaining));
			assertThat(Long.parseLong(response.headers().firstValue("RateLimit-Reset").orElseThrow())).isBetween(1L,
					6L);
		}

		HttpResponse<String> refused = http.get(PATH, "x-test-credential", credential, "Accept-Language", "fr");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(json.readTree(refused.body()).get("code").asString()).isEqualTo("rate_limited");
		assertThat(json.readTree(refused.body()).get("title").asString()).isEqualTo("Trop de requêtes");
		long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 2L);
		assertThat(refused.headers().firstValue("RateLimit-Remaining")).contains("0");
		assertThat(refused.headers().firstValue("RateLimit-Limit")).contains("3");
		assertThat(json.readTree(refused.body()).get("detail").asString()).contains(Long.toString(retryAfter));

		Thread.sleep(Duration.ofSeconds(retryAfter).plusMillis(100));
		HttpResponse<String> recovered = http.get(PATH, "x-test-credential", credential);
		assertThat(recovered.statusCode()).isEqualTo(200);
		assertThat(recovered.headers().firstValue("RateLimit-Remaining")).contains("0");
	}

	@Test
	void aTenantsBudgetIsSharedByAllItsCredentials() {
		TenantId tenant = new TenantId(Ids.newId());
		String alice = "tenant=" + tenant + ";user=" + Ids.newId();
		String bob = "tenant=" + tenant + ";user=" + Ids.newId();
		for (int i = 0; i < 3; i++) {
			assertThat(http.get(PATH, "x-test-credential", alice).statusCode()).isEqualTo(200);
		}
		assertThat(http.get(PATH, "x-test-credential", alice).statusCode()).isEqualTo(429);

		HttpResponse<String> fourth = http.get(PATH, "x-test-credential", bob);
		assertThat(fourth.statusCode()).isEqualTo(200);
		assertThat(fourth.headers().firstValue("RateLimit-Limit")).as("the tenant's limit is the tighter one")
			.contains("5");
		assertThat(fourth.headers().firstValue("RateLimit-Remaining")).contains("1");
		assertThat(http.get(PATH, "x-test-credential", bob).statusCode()).isEqualTo(200);

		HttpResponse<String> refused = http.get(PATH, "x-test-credential", bob);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("RateLimit-Limit")).contains("5");
		// another tenant is not affected
		assertThat(http.get(PATH, "x-test-credential", "tenant=" + Ids.newId()).statusCode()).isEqualTo(200);
	}

	@Test
	void aTenantsPlanDecidesItsLimits() {
		TenantId tenant = new TenantId(Ids.newId());
		generous.add(tenant);
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = http.get(PATH, "x-test-credential", "tenant=" + tenant);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("RateLimit-Limit")).contains("50");
		}
	}

	@Test
	void authenticatedRequestsOutsideTheApiAndHealthProbesAreNotLimited() {
		String credential = "tenant=" + Ids.newId();
		for (int i = 0; i < 6; i++) {
			assertThat(http.get("/actuator/health/liveness").headers().firstValue("RateLimit-Limit")).isEmpty();
			HttpResponse<String> portal = http.get("/portal", "x-test-credential", credential);
			assertThat(portal.statusCode()).isEqualTo(200);
			assertThat(portal.headers().firstValue("RateLimit-Limit")).isEmpty();
		}
	}

	@Test
	void requestsWithoutCredentialAreLimitedPerClientAddress() {
		// Tomcat takes the client address from X-Forwarded-For sent by a trusted (local)
		// proxy, as behind a load balancer
		String address = "198.51.100." + (1 + (Ids.newId().getLeastSignificantBits() & 0x7f));
		String other = "203.0.113." + (1 + (Ids.newId().getLeastSignificantBits() & 0x7f));
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> meta = http.get("/api/v1/meta", "X-Forwarded-For", address);
			assertThat(meta.statusCode()).isEqualTo(200);
			assertThat(meta.headers().firstValue("RateLimit-Limit")).contains("4");
		}
		HttpResponse<String> refused = http.get("/api/v1/meta", "X-Forwarded-For", address);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(json.readTree(refused.body()).path("code").asString()).isEqualTo("rate_limited");
		assertThat(http.get("/brand-assets/" + Ids.newId() + "/logo", "X-Forwarded-For", address).statusCode())
			.as("every public path shares the address' budget")
			.isEqualTo(429);
		assertThat(http.get("/api/v1/meta", "X-Forwarded-For", other).statusCode()).isEqualTo(200);
		assertThat(http.get("/actuator/health/liveness", "X-Forwarded-For", address).statusCode())
			.as("probes are never limited")
			.isEqualTo(200);
	}

	@Test
	void twoNodesSharingRedisCountAgainstOneBudget() {
		// as arguments: they must win over application.properties, as for a real node
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(OctaviaCoreApplication.class).run(
				"--server.port=0", "--octavia.roles=api",
				// the first node handles the events outstanding in the shared database
				"--spring.modulith.events.republish-outstanding-events-on-restart=false", "--" + CREDENTIAL_REQUESTS,
				"--" + CREDENTIAL_PERIOD, "--" + TENANT_REQUESTS, "--" + TENANT_PERIOD)) {
			TestHttp other = new TestHttp(((WebServerApplicationContext) second).getWebServer().getPort());
			String credential = "tenant=" + Ids.newId();

			assertThat(http.get(PATH, "x-test-credential", credential).headers().firstValue("RateLimit-Remaining"))
				.contains("2");
			assertThat(other.get(PATH, "x-test-credential", credential).headers().firstValue("RateLimit-Remaining"))
				.contains("1");
			assertThat(http.get(PATH, "x-test-credential", credential).headers().firstValue("RateLimit-Remaining"))
				.contains("0");
			assertThat(other.get(PATH, "x-test-credential", credential).statusCode()).isEqualTo(429);
			assertThat(http.get(PATH, "x-test-credential", credential).statusCode()).isEqualTo(429);
		}
	}

	@Test
	void withoutRedisRequestsPassUnlimitedAndTheOutageIsLoggedAndCounted(CapturedOutput output) throws IOException {
		int deadPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		LettuceConnectionFactory unreachable = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", deadPort),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build());
		unreachable.afterPropertiesSet();
		unreachable.start();
		try {
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			RateLimiting limits = new RateLimiting(new StringRedisTemplate(unreachable),
					context.getBean(RateLimitProperties.class), context.getBeanProvider(RateLimitPlans.class),
					context.getBean(Problems.class), meters);
			TenantContext.Scope caller = TenantContext.Scope.tenant(new TenantId(Ids.newId()), "test:caller");

			for (int i = 0; i < 10; i++) {
				assertThat(limits.decide(caller)).isEmpty();
			}
			assertThat(meters.counter("octavia.gateway.rate_limit.unavailable").count()).isEqualTo(10);
			assertThat(output.getOut()).containsOnlyOnce("Rate limits not enforced");
		}
		finally {
			unreachable.destroy();
		}
	}

}
