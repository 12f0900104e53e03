package io.octavia.core.api;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@OctaviaIntegrationTest
class OpenApiIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void theApiIsDescribedAndSwaggerUiIsServedFromTheJar() {
		TestHttp http = new TestHttp(port);
		HttpResponse<String> openApi = http.get("/v3/api-docs");
		assertThat(openApi.statusCode()).isEqualTo(200);
		assertThat(openApi.body()).contains("\"openapi\"", "/api/v1/meta");
		HttpResponse<String> swaggerUi = http.get("/swagger-ui/index.html");
		assertThat(swaggerUi.statusCode()).isEqualTo(200);
		assertThat(swaggerUi.body()).contains("swagger-ui");
	}

}
