package io.octavia.core.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import static io.octavia.core.gateway.GatewayProbeController.PATH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers may call the API cross-origin from a brand's own hostnames only: https, or
 * http for {@code *.localhost} in development. Every other origin gets no CORS headers.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsIntegrationTests {

	String site;

	String devSite;

	TenantId tenant;

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	BrandManagement brands;

	@Autowired
	TransactionTemplate transactions;

	TestHttp http;

	@BeforeAll
	void brandWithTwoSites() {
		http = new TestHttp(port);
		GatewayFixtures fixtures = new GatewayFixtures(tenants, brands, transactions);
		tenant = fixtures.activeTenant();
		site = GatewayFixtures.slug("app") + ".example.com";
		devSite = GatewayFixtures.slug("dev") + ".localhost";
		fixtures.brand(tenant, site, devSite);
	}

	@Test
	void aPreflightFromABrandsSiteIsAllowed() {
		HttpResponse<String> response = preflight("https://" + site);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://" + site);
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
			.hasValueSatisfying(methods -> assertThat(methods).contains("GET", "POST", "PATCH", "DELETE"));
		assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
				headers -> assertThat(headers.toLowerCase()).contains("x-test-credential", "idempotency-key"));
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
		assertThat(response.headers().firstValue("Access-Control-Max-Age")).contains("3600");
	}

	@Test
	void anActualRequestFromABrandsSiteMayReadTheGatewayHeaders() {
		HttpResponse<String> response = http.get(PATH, "x-test-credential", "tenant=" + tenant, "Origin",
				"https://" + site + ":8443");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://" + site + ":8443");
		assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
			.hasValueSatisfying(exposed -> assertThat(exposed.toLowerCase()).contains("x-request-id", "x-tenant-id",
					"x-brand-id", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"));
		assertThat(response.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Origin"));
	}

	@Test
	void plainHttpIsAllowedForLocalhostNamesOnly() {
		assertThat(preflight("http://" + devSite + ":3000").headers().firstValue("Access-Control-Allow-Origin"))
			.contains("http://" + devSite + ":3000");
		assertThat(preflight("https://" + devSite).headers().firstValue("Access-Control-Allow-Origin"))
			.contains("https://" + devSite);
		assertThat(preflight("http://" + site).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example.com", "https://localhost", "http://localhost:3000", "null",
			"https://127.0.0.1", "file://", "https://user@app.example.com" })
	void otherOriginsGetNoCorsHeaders(String origin) {
		HttpResponse<String> response = preflight(origin);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();

		HttpResponse<String> actual = http.get(PATH, "x-test-credential", "tenant=" + tenant, "Origin", origin);
		assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(actual.headers().firstValue("Access-Control-Expose-Headers")).isEmpty();
	}

	@Test
	void aLookAlikeOfABrandsSiteIsRefused() {
		assertThat(preflight("https://" + site + ".evil.com").headers().firstValue("Access-Control-Allow-Origin"))
			.isEmpty();
		assertThat(preflight("https://x" + site).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void theConsolesAreNotOpenedToOtherOrigins() {
		HttpResponse<String> response = http.send(http.request("/portal")
			.header("Origin", "https://" + site)
			.header("Access-Control-Request-Method", "GET")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	private HttpResponse<String> preflight(String origin) {
		return http.send(http.request(PATH)
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "x-test-credential, content-type, idempotency-key")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
	}

}
