package io.octavia.client;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.octavia.client.RecordingServer.Recorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The client against a real local HTTP server; waits are recorded, never slept. */
class OctaviaClientTests {

	private static final String TENANT = "0193a5b2-7c1d-7e4f-8a9b-0c1d2e3f4a5b";

	private static final String BRAND = "0193a5b2-7c1d-7e4f-8a9b-ffffffffffff";

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

	private final List<Duration> sleeps = new ArrayList<>();

	private RecordingServer server;

	@BeforeEach
	void start() throws Exception {
		this.server = new RecordingServer();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private OctaviaClient.Builder client() {
		return OctaviaClient.builder()
			.baseUrl(this.server.baseUrl())
			.apiKey(TestKeys.API_KEY)
			.signingSecret(TestKeys.SIGNING_SECRET)
			.clock(this.clock)
			.sleeper(this.sleeps::add)
			.random(() -> 0.5);
	}

	@Test
	void aSignedRequestCarriesKeyDigestSignatureAndContextHeaders() throws Exception {
		this.server.reply(200, Map.of("Content-Type", "application/json", "x-request-id", "r-1"), """
				{"tenantId":"%s","brandId":"%s","keyId":"%s","scopes":["tenant:read","keys:read"],"kind":"api_key"}"""
			.formatted(TENANT, BRAND, TestKeys.KEY_ID));

		WhoAmI me = client().tenantId(TENANT).brandId(BRAND).build().whoAmI();

		assertThat(me.tenantId()).isEqualTo(TENANT);
		assertThat(me.brandId()).isEqualTo(BRAND);
		assertThat(me.keyId()).isEqualTo(TestKeys.KEY_ID);
		assertThat(me.scopes()).containsExactly("tenant:read", "keys:read");
		assertThat(me.properties()).containsEntry("kind", "api_key");
		Recorded request = this.server.requests().getFirst();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.uri().getRawPath()).isEqualTo("/api/v1/whoami");
		assertThat(request.header("Authorization")).isEqualTo("Bearer " + TestKeys.API_KEY);
		assertThat(request.header("x-tenant-id")).isEqualTo(TENANT);
		assertThat(request.header("x-brand-id")).isEqualTo(BRAND);
		assertThat(request.header("Idempotency-Key")).isNull();
		assertThat(request.header("Content-Digest"))
			.isEqualTo("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
		assertThat(request.header("Signature-Input")).startsWith(
				"sig1=(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\" \"x-tenant-id\" \"x-brand-id\");created=1795608000;expires=1795608060;keyid=\""
						+ TestKeys.KEY_ID + "\";nonce=\"")
			.endsWith("\";alg=\"hmac-sha256\"");
		request.assertSignedWith(TestKeys.SIGNING_SECRET);
	}

	@Test
	void queryParametersAreEncodedOnceAndSignedAsSent() throws Exception {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("q", "Zoë & co");
		query.put("limit", "10");

		client().build().get("/api/v1/tenants?status=active", query);

		Recorded request = this.server.requests().getFirst();
		assertThat(request.uri().getRawQuery()).isEqualTo("status=active&q=Zo%C3%AB%20%26%20co&limit=10");
		request.assertSignedWith(TestKeys.SIGNING_SECRET);
	}

	@Test
	void withoutASigningSecretOnlyTheKeyIsSent() {
		OctaviaClient.builder().baseUrl(this.server.baseUrl()).apiKey(TestKeys.API_KEY).build().get("/api/v1/whoami");

		Recorded request = this.server.requests().getFirst();
		assertThat(request.header("Authorization")).isEqualTo("Bearer " + TestKeys.API_KEY);
		assertThat(request.header("Signature")).isNull();
		assertThat(request.header("Signature-Input")).isNull();
		assertThat(request.header("Content-Digest")).isNull();
	}

	@Test
	void aBasePathIsKeptAndSigned() throws Exception {
		OctaviaClient.builder()
			.baseUrl(URI.create(this.server.baseUrl() + "/octavia/"))
			.apiKey(TestKeys.API_KEY)
			.signingSecret(TestKeys.SIGNING_SECRET)
			.build()
			.delete("/api/v1/brands/b1");

		Recorded request = this.server.requests().getFirst();
		assertThat(request.uri().getRawPath()).isEqualTo("/octavia/api/v1/brands/b1");
		assertThat(request.header("Idempotency-Key")).isNotBlank();
		request.assertSignedWith(TestKeys.SIGNING_SECRET);
	}

	@Test
	void aWriteIsRetriedWithTheSameIdempotencyKeyAndAFreshSignature() throws Exception {
		this.server.problem(503, "{\"code\":\"internal_error\",\"status\":503}")
			.reply(502, Map.of("Content-Type", "text/html"), "<html>bad gateway</html>")
			.reply(201, Map.of("Content-Type", "application/json"), "{\"id\":\"k1\"}");

		OctaviaResponse response = client().build().post("/api/v1/api-keys", Map.of("name", "ci"));

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.jsonObject()).containsEntry("id", "k1");
		List<Recorded> attempts = this.server.requests();
		assertThat(attempts).hasSize(3);
		String idempotencyKey = attempts.getFirst().header("Idempotency-Key");
		assertThat(idempotencyKey).matches("[0-9a-f-]{36}");
		assertThat(attempts).extracting((attempt) -> attempt.header("Idempotency-Key")).containsOnly(idempotencyKey);
		assertThat(attempts).extracting(Recorded::nonce).doesNotHaveDuplicates();
		assertThat(attempts).extracting((attempt) -> attempt.header("Signature")).doesNotHaveDuplicates();
		for (Recorded attempt : attempts) {
			assertThat(new String(attempt.body(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"ci\"}");
			assertThat(attempt.header("Content-Type")).isEqualTo("application/json");
			attempt.assertSignedWith(TestKeys.SIGNING_SECRET);
		}
		// full jitter at random 0.5: half of 100 ms, then half of 200 ms
		assertThat(this.sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
	}

	@Test
	void theCallersIdempotencyKeyIsSentOnEveryAttempt() {
		this.server.problem(409, "{\"code\":\"idempotency_in_progress\"}", "Retry-After", "1");

		client().build()
			.send("PATCH", "/api/v1/tenant", Map.of(), "{}".getBytes(StandardCharsets.UTF_8),
					RequestOptions.idempotencyKey("order-4711"));

		assertThat(this.server.requests()).extracting((attempt) -> attempt.header("Idempotency-Key"))
			.containsExactly("order-4711", "order-4711");
		assertThat(this.sleeps).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void refusesAnIdempotencyKeyTheServerWouldRefuse() {
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.idempotencyKey(""));
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.idempotencyKey("with space"));
		assertThatIllegalArgumentException().isThrownBy(() -> RequestOptions.idempotencyKey("x".repeat(256)));
		assertThat(RequestOptions.idempotencyKey("x".repeat(255)).idempotencyKey()).hasSize(255);
	}

	@Test
	void aGetIsRetriedOn503UntilTheAttemptsAreSpent() {
		for (int i = 0; i < 3; i++) {
			this.server.problem(503,
					"{\"code\":\"unavailable\",\"title\":\"Unavailable\",\"requestId\":\"r-" + i + "\"}");
		}

		assertThatExceptionOfType(ServerException.class).isThrownBy(() -> client().build().get("/api/v1/meta"))
			.satisfies((problem) -> {
				assertThat(problem.status()).isEqualTo(503);
				assertThat(problem.requestId()).isEqualTo("r-2");
			});
		assertThat(this.server.requests()).hasSize(3);
		assertThat(this.server.requests()).extracting(Recorded::nonce).doesNotHaveDuplicates();
		assertThat(this.sleeps).hasSize(2);
	}

	@Test
	void a429IsRetriedAfterItsRetryAfter() {
		this.server.problem(429, "{\"code\":\"rate_limited\"}", "Retry-After", "2");

		OctaviaResponse response = client().build().get("/api/v1/whoami");

		assertThat(response.status()).isEqualTo(200);
		assertThat(this.server.requests()).hasSize(2);
		assertThat(this.sleeps).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void aRetryAfterAsAnHttpDateIsHonouredToo() {
		this.server.problem(503, "{}", "Retry-After", "Wed, 25 Nov 2026 12:00:05 GMT");

		client().build().get("/api/v1/whoami");

		assertThat(this.sleeps).containsExactly(Duration.ofSeconds(5));
	}

	@Test
	void aRetryAfterLongerThanThePolicyAllowsIsThrownAtOnce() {
		this.server.problem(429, "{\"code\":\"rate_limited\",\"status\":429}", "Retry-After", "3600");

		assertThatExceptionOfType(RateLimitedException.class).isThrownBy(() -> client().build().get("/api/v1/whoami"))
			.satisfies((problem) -> {
				assertThat(problem.code()).isEqualTo("rate_limited");
				assertThat(problem.retryAfter()).contains(Duration.ofHours(1));
			});
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void aWriteWithoutIdempotencyKeyIsNeverRetried() {
		this.server.problem(503, "{}").problem(503, "{}");

		assertThatExceptionOfType(ServerException.class)
			.isThrownBy(() -> client().idempotencyKeys(false).build().post("/api/v1/tenants", "{}"));
		assertThat(this.server.requests()).hasSize(1);
		assertThat(this.server.requests().getFirst().header("Idempotency-Key")).isNull();

		assertThatExceptionOfType(ServerException.class).isThrownBy(() -> client().build()
			.send("POST", "/api/v1/tenants", Map.of(), new byte[0], RequestOptions.withoutIdempotencyKey()));
		assertThat(this.server.requests()).hasSize(2);
		assertThat(this.server.requests().get(1).header("Idempotency-Key")).isNull();
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void problemsThatRepeatingWouldNotChangeAreThrownAtOnce() {
		this.server.problem(409, "{\"code\":\"tenant_slug_taken\"}");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> client().build().post("/api/v1/tenants", "{\"slug\":\"acme\"}"))
			.satisfies((problem) -> assertThat(problem.code()).isEqualTo("tenant_slug_taken"));
		this.server.problem(500, "{\"code\":\"internal_error\"}");
		assertThatExceptionOfType(ServerException.class).isThrownBy(() -> client().build().get("/api/v1/meta"));
		assertThat(this.server.requests()).hasSize(2);
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void connectionFailuresOfAGetAreRetriedThenThrown() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		OctaviaClient client = client().baseUrl(URI.create("http://127.0.0.1:" + closedPort)).build();

		assertThatExceptionOfType(OctaviaTransportException.class).isThrownBy(() -> client.get("/api/v1/meta"))
			.withMessageContaining("after 3 attempt(s)");
		assertThat(this.sleeps).hasSize(2);

		this.sleeps.clear();
		assertThatExceptionOfType(OctaviaTransportException.class)
			.isThrownBy(() -> client.send("POST", "/api/v1/tenants", Map.of(), new byte[0],
					RequestOptions.idempotencyKey("k-1")))
			.satisfies((failure) -> assertThat(failure.idempotencyKey()).isEqualTo("k-1"));
		assertThat(this.sleeps).hasSize(2);
	}

	@Test
	void theBackoffGrowsExponentiallyWithFullJitterUpToItsCeiling() {
		RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));

		assertThat(policy.backoff(1, 0.999)).isLessThan(Duration.ofMillis(100));
		assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(100));
		assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(200));
		assertThat(policy.backoff(9, 0.5)).isEqualTo(Duration.ofMillis(500));
		assertThat(policy.backoff(100, 0.999)).isLessThan(Duration.ofSeconds(1));
		assertThat(policy.backoff(3, 0.0)).isZero();
	}

	@Test
	void problemResponsesBecomeTypedExceptionsWithTheirProperties() {
		OctaviaClient client = client().retryPolicy(RetryPolicy.none()).build();
		this.server.problem(401, """
				{"type":"/problems/signature_invalid","title":"Invalid signature","status":401,
				 "detail":"The signature does not match.","code":"signature_invalid","requestId":"req-401"}""");
		this.server.problem(403, "{\"code\":\"scope_missing\",\"scope\":\"ledger:write\"}");
		this.server.problem(404, "{\"code\":\"not_found\"}", "x-request-id", "req-404");
		this.server.problem(400, """
				{"code":"validation_failed","errors":[{"field":"name","message":"must not be blank"},
				 {"field":"scopes[0]","message":"unknown scope"}]}""");
		this.server.problem(422, "{\"code\":\"idempotency_key_reused\"}");
		this.server.reply(502, Map.of("Content-Type", "text/html"), "<html>proxy</html>");
		this.server.problem(418, "{\"code\":\"teapot\"}");

		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> client.get("/api/v1/whoami"))
			.satisfies((problem) -> {
				assertThat(problem.status()).isEqualTo(401);
				assertThat(problem.code()).isEqualTo("signature_invalid");
				assertThat(problem.title()).isEqualTo("Invalid signature");
				assertThat(problem.detail()).isEqualTo("The signature does not match.");
				assertThat(problem.requestId()).isEqualTo("req-401");
				assertThat(problem.property("type")).contains("/problems/signature_invalid");
				assertThat(problem)
					.hasMessage("HTTP 401 signature_invalid: The signature does not match. (request req-401)");
			});
		assertThatExceptionOfType(PermissionException.class).isThrownBy(() -> client.get("/api/v1/ledger"))
			.satisfies((problem) -> assertThat(problem.scope()).contains("ledger:write"));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> client.get("/api/v1/nothing"))
			.satisfies((problem) -> assertThat(problem.requestId()).isEqualTo("req-404"));
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> client.post("/api/v1/api-keys", "{}"))
			.satisfies((problem) -> assertThat(problem.errors()).containsExactly(
					new ValidationException.FieldError("name", "must not be blank"),
					new ValidationException.FieldError("scopes[0]", "unknown scope")));
		assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> client.post("/api/v1/api-keys", "{}"))
			.satisfies((problem) -> {
				assertThat(problem.status()).isEqualTo(422);
				assertThat(problem.code()).isEqualTo("idempotency_key_reused");
				assertThat(problem.errors()).isEmpty();
			});
		assertThatExceptionOfType(ServerException.class).isThrownBy(() -> client.get("/api/v1/meta"))
			.satisfies((problem) -> {
				assertThat(problem.code()).isNull();
				assertThat(problem.properties()).isEmpty();
			});
		assertThatExceptionOfType(OctaviaProblemException.class).isThrownBy(() -> client.get("/api/v1/tea"))
			.satisfies((problem) -> assertThat(problem.getClass()).isEqualTo(OctaviaProblemException.class));
	}

}
