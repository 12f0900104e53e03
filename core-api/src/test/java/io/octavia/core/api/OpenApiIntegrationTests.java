package io.octavia.core.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;

import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

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

	@Test
	void theAccountListingIsDescribedAsPagedWithItsFilters() {
		JsonNode api = ApiTestSupport.json(new TestHttp(port).get("/v3/api-docs"));
		for (String path : List.of("/api/v1/ledgers/{ledgerId}/accounts",
				"/api/v1/tenants/{tenantId}/ledgers/{ledgerId}/accounts")) {
			JsonNode list = api.get("paths").get(path).get("get");
			List<String> parameters = new ArrayList<>();
			list.get("parameters").forEach(parameter -> parameters.add(parameter.get("name").asString()));
			assertThat(parameters).as(path)
				.contains("ledgerId", "type", "status", "category", "parentId", "currency", "code", "codePrefix",
						"cursor", "limit");
			for (JsonNode parameter : list.get("parameters")) {
				switch (parameter.get("name").asString()) {
					case "limit" -> assertThat(parameter.get("schema").get("default").asInt()).isEqualTo(50);
					case "status" ->
						assertThat(parameter.get("schema").get("enum").toString()).isEqualTo("[\"open\",\"closed\"]");
					default -> {
					}
				}
			}
			assertThat(list.get("responses").get("200").toString()).as(path)
				.contains("\"$ref\":\"#/components/schemas/AccountPage\"");
		}
		JsonNode page = api.get("components").get("schemas").get("AccountPage").get("properties");
		assertThat(page.get("items").get("items").get("$ref").asString())
			.isEqualTo("#/components/schemas/AccountDetails");
		assertThat(page.has("nextCursor")).isTrue();
	}

}
