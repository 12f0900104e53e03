package io.octavia.core.gateway;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.octavia.core.gateway.GatewayProbeController.PATH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A suspended tenant's callers are refused at the gateway — API and portal alike — as
 * soon as the suspension commits, and let in again as soon as it is resumed; a closed
 * tenant stays refused. Its data is untouched throughout.
 */
@OctaviaIntegrationTest
class TenantStatusIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	BrandManagement brands;

	@Autowired
	TransactionTemplate transactions;

	final JsonMapper json = JsonMapper.builder().build();

	TestHttp http;

	GatewayFixtures fixtures;

	@BeforeEach
	void setUp() {
		http = new TestHttp(port);
		fixtures = new GatewayFixtures(tenants, brands, transactions);
	}

	@Test
	void aSuspendedTenantIsRefusedUntilItIsResumed() {
		TenantId tenant = fixtures.activeTenant();
		String credential = "tenant=" + tenant;
		// cached as active first: the suspension must replace what the gateway knows
		assertThat(http.get(PATH, "x-test-credential", credential).statusCode()).isEqualTo(200);

		fixtures.asTenant(tenant, () -> tenants.suspend(tenant));
		HttpResponse<String> api = http.get(PATH, "x-test-credential", credential, "Accept-Language", "de");
		assertProblem(api, 403, "tenant_suspended");
		assertThat(problem(api).get("title").asString()).isEqualTo("Mandant gesperrt");
		assertProblem(http.get("/portal", "x-test-credential", credential), 403, "tenant_suspended");
		assertProblem(http.post("/api/v1/test-probe", "application/json", "{\"name\":\"a\",\"colour\":\"RED\"}",
				"x-test-credential", credential), 403, "tenant_suspended");

		fixtures.asTenant(tenant, () -> tenants.resume(tenant));
		HttpResponse<String> resumed = http.get(PATH, "x-test-credential", credential);
		assertThat(resumed.statusCode()).isEqualTo(200);
		assertThat(json.readTree(resumed.body()).get("brandId").asString())
			.as("the tenant's data survived the suspension")
			.isEqualTo(fixtures.defaultBrand(tenant).id().toString());
		assertThat(http.get("/portal", "x-test-credential", credential).statusCode()).isEqualTo(200);
	}

	@Test
	void aClosedTenantIsRefused() {
		TenantId tenant = fixtures.activeTenant();
		assertThat(http.get(PATH, "x-test-credential", "tenant=" + tenant).statusCode()).isEqualTo(200);

		fixtures.asTenant(tenant, () -> tenants.close(tenant));
		assertProblem(http.get(PATH, "x-test-credential", "tenant=" + tenant), 403, "tenant_closed");
		assertProblem(http.get("/portal", "x-test-credential", "tenant=" + tenant), 403, "tenant_closed");
	}

	@Test
	void anotherTenantIsUnaffectedByASuspension() {
		TenantId suspended = fixtures.activeTenant();
		TenantId other = fixtures.activeTenant();
		fixtures.asTenant(suspended, () -> tenants.suspend(suspended));

		assertProblem(http.get(PATH, "x-test-credential", "tenant=" + suspended), 403, "tenant_suspended");
		assertThat(http.get(PATH, "x-test-credential", "tenant=" + other).statusCode()).isEqualTo(200);
	}

	private JsonNode problem(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	private void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(problem(response).get("code").asString()).isEqualTo(code);
	}

}
