package io.octavia.core.api;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.platform.Ids;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@OctaviaIntegrationTest
class IdempotencyIntegrationTests {

	static final String PROBE = ProblemResponsesIntegrationTests.PROBE;

	static final String BODY = "{\"name\": \"first\", \"colour\": \"GREEN\"}";

	@LocalServerPort
	int port;

	TestHttp http;

	final String credential = "tenant=" + Ids.newId();

	@BeforeEach
	void client() {
		http = new TestHttp(port);
	}

	@AfterEach
	void openGate() {
		ProbeController.gate.countDown();
	}

	@Test
	void aRetryWithTheSameKeyAndBodyReplaysTheOriginalResponse() {
		String key = "key-" + Ids.newId();
		HttpResponse<String> first = post(credential, key, BODY);
		HttpResponse<String> retry = post(credential, key, BODY);
		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(retry.statusCode()).isEqualTo(201);
		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
	}

	@Test
	void theSameKeyWithADifferentBodyIs422() {
		String key = "key-" + Ids.newId();
		assertThat(post(credential, key, BODY).statusCode()).isEqualTo(201);
		HttpResponse<String> reused = post(credential, key, BODY.replace("first", "second"));
		assertThat(reused.statusCode()).isEqualTo(422);
		assertThat(reused.body()).contains("\"code\":\"idempotency_key_reused\"");
	}

	@Test
	void keysArePerTenant() {
		String key = "key-" + Ids.newId();
		String otherTenant = "tenant=" + Ids.newId();
		HttpResponse<String> mine = post(credential, key, BODY);
		HttpResponse<String> theirs = post(otherTenant, key, BODY.replace("first", "other"));
		assertThat(mine.statusCode()).isEqualTo(201);
		assertThat(theirs.statusCode()).isEqualTo(201);
		assertThat(theirs.body()).contains("\"name\":\"other\"").doesNotContain(credential.substring(7));
	}

	@Test
	void aConcurrentDuplicateWhileTheFirstIsInFlightIs409() {
		String key = "key-" + Ids.newId();
		ProbeController.gate = new CountDownLatch(1);
		int before = ProbeController.executions.get();
		CompletableFuture<HttpResponse<String>> first = CompletableFuture
			.supplyAsync(() -> post(credential, key, BODY));
		await().until(() -> ProbeController.executions.get() > before);
		HttpResponse<String> duplicate = post(credential, key, BODY);
		assertThat(duplicate.statusCode()).isEqualTo(409);
		assertThat(duplicate.body()).contains("\"code\":\"idempotency_in_progress\"");
		ProbeController.gate.countDown();
		assertThat(first.join().statusCode()).isEqualTo(201);
		assertThat(post(credential, key, BODY).headers().firstValue("Idempotent-Replayed")).contains("true");
		assertThat(ProbeController.executions.get()).isEqualTo(before + 1);
	}

	@Test
	void aServerFailureIsNotRememberedSoTheClientCanRetry() {
		String key = "key-" + Ids.newId();
		String exploding = "{\"name\": \"explode\", \"colour\": \"RED\"}";
		int before = ProbeController.executions.get();
		assertThat(post(credential, key, exploding).statusCode()).isEqualTo(500);
		assertThat(post(credential, key, exploding).statusCode()).isEqualTo(500);
		assertThat(ProbeController.executions.get()).isEqualTo(before + 2);
	}

	@Test
	void anInvalidKeyIs400() {
		HttpResponse<String> response = post(credential, "x".repeat(300), BODY);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":\"idempotency_key_invalid\"");
	}

	@Test
	void validationFailuresAreReplayedToo() {
		String key = "key-" + Ids.newId();
		String invalid = "{\"name\": \"\", \"colour\": \"RED\"}";
		assertThat(post(credential, key, invalid).statusCode()).isEqualTo(400);
		HttpResponse<String> retry = post(credential, key, invalid);
		assertThat(retry.statusCode()).isEqualTo(400);
		assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
	}

	private HttpResponse<String> post(String credential, String key, String body) {
		return http.post(PROBE, "application/json", body, "x-test-credential", credential, "Idempotency-Key", key);
	}

}
