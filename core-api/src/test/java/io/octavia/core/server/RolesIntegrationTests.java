package io.octavia.core.server;

import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node started as a worker only serves neither the API nor the consoles, but keeps its
 * probes.
 */
@OctaviaIntegrationTest(properties = "octavia.roles=worker")
class RolesIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aWorkerNodeAnswersNoApiOrConsoleRoute() {
		TestHttp http = new TestHttp(port);
		assertThat(http.get("/api/v1/meta").statusCode()).isEqualTo(404);
		assertThat(http.get("/admin").statusCode()).isEqualTo(404);
		assertThat(http.get("/portal").statusCode()).isEqualTo(404);
		assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

}
