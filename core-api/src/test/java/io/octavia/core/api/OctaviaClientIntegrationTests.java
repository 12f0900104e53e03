package io.octavia.core.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.octavia.client.ApiKey;
import io.octavia.client.AuthenticationException;
import io.octavia.client.NotFoundException;
import io.octavia.client.OctaviaClient;
import io.octavia.client.OctaviaResponse;
import io.octavia.client.PermissionException;
import io.octavia.client.RequestOptions;
import io.octavia.client.RequestSigner;
import io.octavia.client.RetryPolicy;
import io.octavia.client.ServerException;
import io.octavia.client.SignedHeaders;
import io.octavia.client.ValidationException;
import io.octavia.client.WhoAmI;
import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.apikeys.ApiKeyFormat;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Java client (octavia-client) against the running application: with an API key made
 * through the API and every request signed (RFC 9421), who it is, a signed write with a
 * body, and the refusals a caller meets (wrong signing secret, replayed nonce, missing
 * scope, revoked key) as typed exceptions; then its problems, its idempotency and its 409
 * while a first request runs, with the test authenticator's credential as the caller.
 */
@OctaviaIntegrationTest
class OctaviaClientIntegrationTests {

	static final String PROBE = ProblemResponsesIntegrationTests.PROBE;

	static final byte[] BODY = "{\"name\":\"client\",\"colour\":\"GREEN\"}".getBytes(StandardCharsets.UTF_8);

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	OctaviaClient client;

	final String credential = "tenant=" + Ids.newId();

	@BeforeEach
	void client() {
		client = OctaviaClient.builder().baseUrl(URI.create("http://localhost:" + port)).build();
	}

	@AfterEach
	void close() {
		ProbeController.gate.countDown();
		client.close();
	}

	RequestOptions caller() {
		return RequestOptions.defaults().header(ApiTestSupport.CREDENTIAL, credential);
	}

	// ---- with an API key and a signing secret, made through the API

	static final String KEYS = "/api/v1/api-keys";

	static final List<String> SCOPES = List.of("brands:read", "brands:write", "keys:manage", "keys:read");

	record Issued(String keyId, String key, String signingSecret) {
	}

	/** A key made by a person of the tenant who holds the scopes, as the console does. */
	Issued issue(ApiTestSupport api, TenantId tenant, Map<String, ?> body) {
		HttpResponse<String> created = api.post(KEYS, manager(tenant), ApiTestSupport.json(body));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode issued = ApiTestSupport.json(created);
		JsonNode secret = issued.get("signingSecret");
		return new Issued(issued.get("apiKey").get("keyId").asString(), issued.get("key").asString(),
				(secret == null || secret.isNull()) ? null : secret.asString());
	}

	static String manager(TenantId tenant) {
		return ApiTestSupport.tenantCaller(tenant, String.join(",", SCOPES));
	}

	OctaviaClient signedClient(Issued key, String signingSecret) {
		return OctaviaClient.builder()
			.baseUrl(URI.create("http://localhost:" + port))
			.apiKey(key.key())
			.signingSecret(signingSecret)
			.retryPolicy(RetryPolicy.none())
			.build();
	}

	@Test
	void aSignedClientActsAsItsKeyAndWritesWithABody() {
		ApiTestSupport api = new ApiTestSupport(port, tenants);
		TenantId tenant = api.activeTenant("Client keys");
		Issued key = issue(api, tenant, Map.of("name", "Java client", "scopes", SCOPES, "signing", true));
		assertThat(key.signingSecret()).isNotNull();

		try (OctaviaClient signed = signedClient(key, key.signingSecret())) {
			WhoAmI me = signed.whoAmI();
			assertThat(me.tenantId()).isEqualTo(tenant.toString());
			// a key not restricted to a brand acts for the tenant's default brand
			List<?> brands = (List<?>) signed.get("/api/v1/brands").json();
			assertThat(me.brandId()).isEqualTo(((Map<?, ?>) brands.getFirst()).get("id"));
			assertThat(me.keyId()).isEqualTo(key.keyId());
			assertThat(me.scopes()).containsExactlyInAnyOrderElementsOf(SCOPES);
			assertThat(me.properties()).containsEntry("credential", "key").containsEntry("actor", "key:" + key.keyId());

			// a signed write: the gateway reads the body for the digest, the controller
			// still gets it
			String slug = ApiTestSupport.slug("client");
			OctaviaResponse brand = signed.post("/api/v1/brands", Map.of("slug", slug, "name", "Signed brand"));
			assertThat(brand.status()).isEqualTo(201);
			assertThat(brand.jsonObject()).containsEntry("slug", slug).containsEntry("name", "Signed brand");
			OctaviaResponse made = signed.post(KEYS, "{\"name\":\"Made by the client\",\"scopes\":[\"brands:read\"]}");
			assertThat(made.status()).isEqualTo(201);
			assertThat(((Map<?, ?>) made.jsonObject().get("apiKey")).get("name")).isEqualTo("Made by the client");

			// x-tenant-id and x-brand-id are covered by the signature
			String brandId = (String) brand.jsonObject().get("id");
			try (OctaviaClient claiming = OctaviaClient.builder()
				.baseUrl(URI.create("http://localhost:" + port))
				.apiKey(key.key())
				.signingSecret(key.signingSecret())
				.tenantId(tenant.toString())
				.brandId(brandId)
				.build()) {
				WhoAmI branded = claiming.whoAmI();
				assertThat(branded.tenantId()).isEqualTo(tenant.toString());
				assertThat(branded.brandId()).isEqualTo(brandId);
			}
		}
	}

	@Test
	void signedRequestsAreRefusedAsTheGatewaySaysWhy() throws Exception {
		ApiTestSupport api = new ApiTestSupport(port, tenants);
		TenantId tenant = api.activeTenant("Client refusals");
		Issued key = issue(api, tenant, Map.of("name", "Java client", "scopes", SCOPES, "signing", true));

		try (OctaviaClient wrongSecret = signedClient(key, ApiKeyFormat.newSigningSecret())) {
			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(wrongSecret::whoAmI)
				.satisfies((problem) -> {
					assertThat(problem.status()).isEqualTo(401);
					assertThat(problem.code()).isEqualTo("signature_invalid");
					assertThat(problem.requestId()).isNotBlank();
				});
		}

		// the same signed headers twice, sent without the client (which signs anew)
		RequestSigner signer = new RequestSigner(ApiKey.parse(key.key()), key.signingSecret(), Clock.systemUTC());
		URI whoami = URI.create("http://localhost:" + port + "/api/v1/whoami");
		SignedHeaders headers = signer.sign("GET", whoami, null, null, new byte[0]);
		HttpRequest request = HttpRequest.newBuilder(whoami)
			.header("Authorization", "Bearer " + key.key())
			.header(SignedHeaders.CONTENT_DIGEST, headers.contentDigest())
			.header(SignedHeaders.SIGNATURE_INPUT, headers.signatureInput())
			.header(SignedHeaders.SIGNATURE, headers.signature())
			.build();
		try (HttpClient raw = HttpClient.newHttpClient()) {
			HttpResponse<String> first = raw.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
			HttpResponse<String> replayed = raw.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(replayed.statusCode()).isEqualTo(401);
			assertThat(ApiTestSupport.json(replayed).get("code").asString()).isEqualTo("nonce_replayed");
		}

		try (OctaviaClient signed = signedClient(key, key.signingSecret())) {
			assertThatExceptionOfType(PermissionException.class).isThrownBy(() -> signed.get("/api/v1/audit-records"))
				.satisfies((problem) -> {
					assertThat(problem.status()).isEqualTo(403);
					assertThat(problem.code()).isEqualTo("scope_missing");
					assertThat(problem.scope()).contains("audit:read");
				});
			assertThat(signed.whoAmI().keyId()).as("the key still works").isEqualTo(key.keyId());

			HttpResponse<String> revoked = api.post(KEYS + "/" + key.keyId() + "/revoke", manager(tenant), "");
			assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(signed::whoAmI)
				.satisfies((problem) -> assertThat(problem.code()).isEqualTo("api_key_revoked"));
		}
	}

	// ---- with the test authenticator's credential

	@Test
	void readsThePublicDiscoveryDocument() {
		OctaviaResponse meta = client.get("/api/v1/meta");
		assertThat(meta.status()).isEqualTo(200);
		assertThat(meta.jsonObject()).isNotEmpty();
		assertThat(meta.requestId()).isPresent();
	}

	@Test
	void aRepeatedWriteWithTheSameIdempotencyKeyIsReplayed() {
		String key = "client-" + Ids.newId();
		int before = ProbeController.executions.get();
		OctaviaResponse first = client.send("POST", PROBE, Map.of(), BODY,
				RequestOptions.idempotencyKey(key).header(ApiTestSupport.CREDENTIAL, credential));
		OctaviaResponse repeat = client.send("POST", PROBE, Map.of(), BODY,
				RequestOptions.idempotencyKey(key).header(ApiTestSupport.CREDENTIAL, credential));
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.idempotentReplayed()).isFalse();
		assertThat(repeat.idempotentReplayed()).isTrue();
		assertThat(repeat.bodyAsString()).isEqualTo(first.bodyAsString());
		assertThat(ProbeController.executions.get()).isEqualTo(before + 1);
	}

	@Test
	void aWriteWhoseFirstAttemptIsStillRunningWaitsForItsResult() {
		String key = "client-" + Ids.newId();
		RequestOptions options = RequestOptions.idempotencyKey(key).header(ApiTestSupport.CREDENTIAL, credential);
		ProbeController.gate = new CountDownLatch(1);
		int before = ProbeController.executions.get();
		CompletableFuture<OctaviaResponse> first = CompletableFuture
			.supplyAsync(() -> client.send("POST", PROBE, Map.of(), BODY, options));
		await().until(() -> ProbeController.executions.get() > before);
		// answered 409 idempotency_in_progress with Retry-After: 1, retried after it
		CompletableFuture<OctaviaResponse> duplicate = CompletableFuture
			.supplyAsync(() -> client.send("POST", PROBE, Map.of(), BODY, options));
		ProbeController.gate.countDown();
		assertThat(first.join().status()).isEqualTo(201);
		assertThat(duplicate.join().status()).isEqualTo(201);
		assertThat(duplicate.join().bodyAsString()).isEqualTo(first.join().bodyAsString());
		assertThat(ProbeController.executions.get()).isEqualTo(before + 1);
	}

	@Test
	void problemsOfTheApplicationBecomeTypedExceptions() {
		assertThatExceptionOfType(ValidationException.class).isThrownBy(
				() -> client.send("POST", PROBE, Map.of(), "{\"name\":\"\",\"colour\":\"RED\"}".getBytes(), caller()))
			.satisfies((problem) -> {
				assertThat(problem.code()).isEqualTo("validation_failed");
				assertThat(problem.errors()).extracting(ValidationException.FieldError::field).contains("name");
				assertThat(problem.requestId()).isNotBlank();
			});
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> client.post(PROBE, "{}"))
			.satisfies((problem) -> assertThat(problem.status()).isEqualTo(401));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> client.send("GET", "/api/v1/no-such-thing", Map.of(), null, caller()))
			.satisfies((problem) -> assertThat(problem.code()).isEqualTo("not_found"));
		assertThatExceptionOfType(PermissionException.class)
			.isThrownBy(() -> client.send("POST", PROBE, Map.of(), BODY,
					caller().header("x-tenant-id", Ids.newId().toString())))
			.satisfies((problem) -> assertThat(problem.code()).isEqualTo("tenant_mismatch"));
		int before = ProbeController.executions.get();
		assertThatExceptionOfType(ServerException.class)
			.isThrownBy(() -> client.send("POST", PROBE, Map.of(),
					"{\"name\":\"explode\",\"colour\":\"RED\"}".getBytes(), caller()))
			.satisfies((problem) -> assertThat(problem.code()).isEqualTo("internal_error"));
		assertThat(ProbeController.executions.get()).as("a 500 is not retried").isEqualTo(before + 1);
	}

	@Test
	void anApiKeyTheApplicationDoesNotKnowIsRefused() {
		String body = "oct_test_AbCdEfGhIjKlMnOp_0123456789abcdefghijKL";
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(body.getBytes(StandardCharsets.UTF_8));
		String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
		StringBuilder checksum = new StringBuilder();
		for (long value = crc.getValue(); checksum.length() < 6; value /= 62) {
			checksum.insert(0, alphabet.charAt((int) (value % 62)));
		}
		try (OctaviaClient unknownKey = OctaviaClient.builder()
			.baseUrl(URI.create("http://localhost:" + port))
			.apiKey(body + checksum)
			.retryPolicy(RetryPolicy.none())
			.build()) {
			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> unknownKey.get("/api/v1/tenant"));
		}
	}

}
