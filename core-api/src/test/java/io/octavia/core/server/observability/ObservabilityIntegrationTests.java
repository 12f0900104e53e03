package io.octavia.core.server.observability;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.platform.Ids;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.config.observation.SecurityObservationSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON logs that say whose request a line belongs to, Prometheus metrics, and health
 * groups that cover the servers the application needs.
 */
@OctaviaIntegrationTest(properties = "logging.structured.format.console=ecs")
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	SecurityObservationSettings securityObservations;

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aLogLineDuringARequestIsJsonWithTraceRequestTenantAndUserIds(CapturedOutput output) {
		String tenant = Ids.newId().toString();
		String user = Ids.newId().toString();
		HttpResponse<String> response = new TestHttp(port).post("/api/v1/test-probe", "application/json",
				"{\"name\": \"explode\", \"colour\": \"RED\"}", "x-test-credential",
				"tenant=" + tenant + ";user=" + user);
		assertThat(response.statusCode()).isEqualTo(500);
		String requestId = response.headers().firstValue("x-request-id").orElseThrow();

		List<JsonNode> lines = output.getOut()
			.lines()
			.filter(line -> line.startsWith("{") && line.contains(requestId))
			.map(json::readTree)
			.toList();
		assertThat(lines).isNotEmpty();
		JsonNode line = lines.get(0);
		assertThat(line.get("requestId").asString()).isEqualTo(requestId);
		assertThat(line.get("tenantId").asString()).isEqualTo(tenant);
		assertThat(line.get("userId").asString()).isEqualTo(user);
		assertThat(line.get("traceId").asString()).matches("[0-9a-f]{32}");
		assertThat(line.get("spanId").asString()).matches("[0-9a-f]{16}");
	}

	@Test
	void prometheusMetricsAreServed() {
		TestHttp http = new TestHttp(port);
		http.get("/api/v1/meta");
		HttpResponse<String> metrics = http.get("/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count",
				"hikaricp_connections");
		// the request went through the security filter chain, observed by the request's
		// own observation only, not once per filter
		assertThat(metrics.body()).doesNotContain("spring_security_filterchains");
		// and not wrapped per filter at all (the wrappers cost even when their
		// observations
		// were switched off)
		assertThat(securityObservations.shouldObserveRequests()).isFalse();
		assertThat(securityObservations.shouldObserveAuthentications()).isFalse();
		assertThat(securityObservations.shouldObserveAuthorizations()).isFalse();
	}

	@Test
	void readinessCoversPostgresqlRedisAndKafkaAndLivenessIsSeparate() {
		TestHttp http = new TestHttp(port);
		HttpResponse<String> readiness = http.get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(json.readTree(readiness.body()).get("status").asString()).isEqualTo("UP");
		assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

}
