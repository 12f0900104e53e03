package io.octavia.core.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.client.AuthenticationException;
import io.octavia.client.NotFoundException;
import io.octavia.client.OctaviaClient;
import io.octavia.client.OctaviaResponse;
import io.octavia.client.PermissionException;
import io.octavia.client.RequestOptions;
import io.octavia.client.RetryPolicy;
import io.octavia.client.ServerException;
import io.octavia.client.ValidationException;
import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.platform.Ids;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Java client (octavia-client) against the running application: its problems, its
 * idempotency and its 409 while a first request runs. Until API keys land the caller is
 * the test authenticator's credential, sent as an extra header; signed calls follow with
 * them.
 */
@OctaviaIntegrationTest
class OctaviaClientIntegrationTests {

	static final String PROBE = ProblemResponsesIntegrationTests.PROBE;

	static final byte[] BODY = "{\"name\":\"client\",\"colour\":\"GREEN\"}".getBytes(StandardCharsets.UTF_8);

	@LocalServerPort
	int port;

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
