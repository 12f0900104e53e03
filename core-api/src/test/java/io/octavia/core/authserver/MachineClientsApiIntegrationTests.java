package io.octavia.core.authserver;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.octavia.core.api.ApiTestSupport.JSON;
import static io.octavia.core.api.ApiTestSupport.tenantCaller;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/machine-clients}: a secret shown once at creation and rotation, never in
 * a list; scopes limited to tenant permissions; another tenant's client does not exist;
 * {@code clients:manage} required.
 */
@OctaviaIntegrationTest
class MachineClientsApiIntegrationTests {

	private static final String PATH = "/api/v1/machine-clients";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	MachineClients clients;

	@Autowired
	JdbcTemplate jdbc;

	ApiTestSupport api;

	TenantId tenant;

	String manager;

	@BeforeEach
	void setUp() {
		api = new ApiTestSupport(port, tenants);
		tenant = api.activeTenant("Clients");
		manager = tenantCaller(tenant, "clients:manage");
	}

	@Test
	void createsListsRotatesAndDeletes() throws Exception {
		HttpResponse<String> created = api.post(PATH, manager,
				"{\"name\":\"Billing sync\",\"scopes\":[\"ledger:read\"]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode client = JSON.readTree(created.body());
		String clientId = client.get("clientId").asString();
		String secret = client.get("clientSecret").asString();
		assertThat(clientId).startsWith("mc_");
		assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
		assertThat(created.headers().firstValue("Location")).contains(PATH + "/" + clientId);

		HttpResponse<String> list = api.get(PATH, manager);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains(clientId)
			.contains("ledger:read")
			.doesNotContain(secret)
			.doesNotContain("clientSecret");

		HttpResponse<String> rotated = api.post(PATH + "/" + clientId + "/secret", manager, "");
		assertThat(rotated.statusCode()).isEqualTo(200);
		String newSecret = JSON.readTree(rotated.body()).get("clientSecret").asString();
		assertThat(newSecret).isNotEqualTo(secret);
		String stored = jdbc.queryForObject("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?",
				String.class, clientId);
		assertThat(stored).doesNotContain(newSecret);
		assertThat(token(clientId, secret).statusCode()).isEqualTo(401);
		HttpResponse<String> token = token(clientId, newSecret);
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		assertThat(token.body()).contains("access_token");

		assertThat(api.delete(PATH + "/" + clientId, manager).statusCode()).isEqualTo(204);
		assertThat(token(clientId, newSecret).statusCode()).isEqualTo(401);
		assertThat(api.get(PATH + "/" + clientId, manager).statusCode()).isEqualTo(404);
		assertThat(api.get(PATH, manager).body()).doesNotContain(clientId);
	}

	private HttpResponse<String> token(String clientId, String secret) {
		String basic = java.util.Base64.getEncoder()
			.encodeToString((clientId + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return api.http()
			.post("/oauth2/token", "application/x-www-form-urlencoded", "grant_type=client_credentials",
					"Authorization", "Basic " + basic);
	}

	@Test
	void refusesScopesBeyondTheTenantsPermissionsAndBlankNames() {
		HttpResponse<String> operatorScope = api.post(PATH, manager,
				"{\"name\":\"Greedy\",\"scopes\":[\"tenants:write\"]}");
		assertThat(operatorScope.statusCode()).isEqualTo(400);
		assertThat(operatorScope.body()).contains("scopes");
		HttpResponse<String> blank = api.post(PATH, manager, "{\"name\":\" \",\"scopes\":[]}");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("name").contains("scopes");
	}

	@Test
	void anotherTenantsClientIsNotFoundAndTheAuthorityIsRequired() {
		TenantId other = api.activeTenant("Other");
		MachineClients.IssuedSecret theirs = clients.create(other, "Theirs", java.util.Set.of("ledger:read"));
		String id = theirs.client().clientId();
		assertThat(api.get(PATH + "/" + id, manager).statusCode()).isEqualTo(404);
		assertThat(api.post(PATH + "/" + id + "/secret", manager, "").statusCode()).isEqualTo(404);
		assertThat(api.delete(PATH + "/" + id, manager).statusCode()).isEqualTo(404);
		assertThat(clients.find(other, id).clientId()).isEqualTo(id);

		assertThat(api.get(PATH, tenantCaller(tenant, "keys:read")).statusCode()).isEqualTo(403);
		assertThat(api.get(PATH, ApiTestSupport.operator("tenants:write,clients:manage")).statusCode()).isEqualTo(403);
	}

}
