package io.octavia.core.gateway;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.platform.Ids;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security headers on the API and the consoles: no MIME sniffing, no framing, a content
 * security policy, and HSTS only when the request came over TLS — here as reported by a
 * trusted proxy in {@code X-Forwarded-Proto}.
 */
@OctaviaIntegrationTest
class SecurityHeadersIntegrationTests {

	@LocalServerPort
	int port;

	TestHttp http;

	@BeforeEach
	void setUp() {
		http = new TestHttp(port).asConsoleUsers();
	}

	@Test
	void theConsolesForbidSniffingFramingAndForeignContent() {
		HttpResponse<String> response = http.get("/portal");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
		assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"));
		assertThat(http.get("/admin").headers().firstValue("Content-Security-Policy")).isPresent();
	}

	@Test
	void theApiForbidsSniffingAndFramingOnAnswersAndProblems() {
		HttpResponse<String> answer = http.get(GatewayProbeController.PATH, "x-test-credential",
				"tenant=" + Ids.newId());
		HttpResponse<String> problem = http.get(GatewayProbeController.PATH);
		assertThat(problem.statusCode()).isEqualTo(401);
		for (HttpResponse<String> response : List.of(answer, problem, http.get("/api/v1/meta"))) {
			assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
			assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
		}
	}

	@Test
	void hstsOnlyOverTls() {
		assertThat(http.get("/api/v1/meta").headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(http.get("/portal").headers().firstValue("Strict-Transport-Security")).isEmpty();

		HttpResponse<String> overTls = http.get("/api/v1/meta", "X-Forwarded-Proto", "https");
		assertThat(overTls.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000", "includeSubDomains"));
		assertThat(http.get("/portal", "X-Forwarded-Proto", "https").headers().firstValue("Strict-Transport-Security"))
			.isPresent();

		HttpResponse<String> probe = http.get(GatewayProbeController.PATH, "x-test-credential", "tenant=" + Ids.newId(),
				"X-Forwarded-Proto", "https");
		assertThat(probe.body()).contains("\"secure\":true");
	}

}
