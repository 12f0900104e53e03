package io.octavia.core.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.platform.Ids;

import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of every kind gets a localized RFC 9457 problem: never a 5xx, never a stack
 * trace.
 */
@OctaviaIntegrationTest
class ProblemResponsesIntegrationTests {

	static final String PROBE = "/api/v1/test-probe";

	@LocalServerPort
	int port;

	TestHttp http;

	final JsonMapper json = JsonMapper.builder().build();

	final String credential = "tenant=" + Ids.newId();

	@BeforeEach
	void client() {
		http = new TestHttp(port);
	}

	@Test
	void malformedJsonIsA400Problem() {
		HttpResponse<String> response = post("{\"name\": ", "en");
		assertProblem(response, 400, "malformed_json");
		assertThat(problem(response).get("title").asString()).isEqualTo("Malformed request body");
	}

	@Test
	void validationErrorsListEachFieldAndAreLocalized() {
		HttpResponse<String> response = post("{\"name\": \"\", \"colour\": null}", "de");
		assertProblem(response, 400, "validation_failed");
		JsonNode problem = problem(response);
		assertThat(problem.get("title").asString()).isEqualTo("Ungültige Anfrage");
		assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
			.containsExactlyInAnyOrder("name", "colour");
	}

	@Test
	void anUnknownEnumValueNamesTheField() {
		HttpResponse<String> response = post("{\"name\": \"x\", \"colour\": \"PURPLE\"}", "fr");
		assertProblem(response, 400, "validation_failed");
		assertThat(problem(response).get("errors").get(0).get("field").asString()).isEqualTo("colour");
		assertThat(problem(response).get("title").asString()).isEqualTo("Requête invalide");
	}

	@Test
	void persianIsServedAndUnknownLanguagesFallBackToEnglish() {
		assertThat(problem(post("{", "fa")).get("title").asString()).isEqualTo("بدنهٔ درخواست نادرست است");
		assertThat(problem(post("{", "xx")).get("title").asString()).isEqualTo("Malformed request body");
	}

	@Test
	void unknownRouteWrongMethodAndWrongMediaTypeAreProblems() {
		assertProblem(http.get("/api/v1/no-such-thing", "x-test-credential", credential), 404, "not_found");
		HttpResponse<String> wrongMethod = http.send(http.request(PROBE)
			.header("x-test-credential", credential)
			.method("DELETE", HttpRequest.BodyPublishers.noBody()));
		assertProblem(wrongMethod, 405, "method_not_allowed");
		assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
		assertProblem(http.post(PROBE, "text/plain", "hello", "x-test-credential", credential), 415,
				"unsupported_media_type");
	}

	@Test
	void aBodyOverTheLimitIsRefusedWith413() {
		String huge = "{\"name\": \"" + "x".repeat(1_200_000) + "\", \"colour\": \"RED\"}";
		assertProblem(post(huge, "en"), 413, "payload_too_large");
	}

	@Test
	void aChunkedBodyOverTheLimitIsRefusedWith413() {
		byte[] chunk = ("{\"name\":\"x\",\"colour\":\"RED\",\"tags\":[" + "\"tag\",".repeat(200_000) + "\"end\"]}")
			.getBytes();
		HttpRequest.Builder request = http.request(PROBE)
			.header("Content-Type", "application/json")
			.header("x-test-credential", credential)
			// a publisher of unknown length makes the client send chunked, without
			// Content-Length
			.POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(chunk)));
		assertProblem(http.send(request), 413, "payload_too_large");
	}

	@Test
	void withoutACredentialTheApiAnswers401Problem() {
		HttpResponse<String> response = http.post(PROBE, "application/json", "{}");
		assertProblem(response, 401, "unauthorized");
		assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
	}

	@Test
	void aTenantHeaderThatDisagreesWithTheCredentialIs403() {
		HttpResponse<String> response = http.post(PROBE, "application/json", "{\"name\":\"a\",\"colour\":\"RED\"}",
				"x-test-credential", credential, "x-tenant-id", Ids.newId().toString());
		assertProblem(response, 403, "tenant_mismatch");
	}

	@Test
	void anUnexpectedFailureIsA500ProblemWithARequestIdAndNoStackTrace() {
		HttpResponse<String> response = post("{\"name\": \"explode\", \"colour\": \"RED\"}", "en");
		assertProblem(response, 500, "internal_error");
		String requestId = response.headers().firstValue("x-request-id").orElseThrow();
		assertThat(problem(response).get("requestId").asString()).isEqualTo(requestId);
		assertThat(response.body()).doesNotContain("IllegalStateException", "at io.octavia");
	}

	@Test
	void everyResponseCarriesARequestId() {
		assertThat(http.get("/api/v1/meta").headers().firstValue("x-request-id")).isPresent();
		assertThat(http.get("/api/v1/meta", "x-request-id", "client-chosen-1").headers().firstValue("x-request-id"))
			.contains("client-chosen-1");
		assertThat(http.get("/api/v1/meta", "x-request-id", "<script>alert(1)</script>")
			.headers()
			.firstValue("x-request-id")).isPresent().get().isNotEqualTo("<script>alert(1)</script>");
	}

	private HttpResponse<String> post(String body, String language) {
		return http.post(PROBE, "application/json", body, "x-test-credential", credential, "Accept-Language", language);
	}

	private JsonNode problem(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	private void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).get()
			.asString()
			.startsWith("application/problem+json");
		JsonNode problem = problem(response);
		assertThat(problem.get("code").asString()).isEqualTo(code);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("type").asString()).isEqualTo("/problems/" + code);
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

}
