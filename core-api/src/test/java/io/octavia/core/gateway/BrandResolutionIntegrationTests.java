package io.octavia.core.gateway;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.Ids;
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
 * The gateway resolves the caller's brand from the credential, {@code x-brand-id}, the
 * request's host or the tenant's default — and never lets a caller borrow another
 * tenant's brand, tenant or user — and records who is calling for logs and audit.
 */
@OctaviaIntegrationTest
class BrandResolutionIntegrationTests {

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
	void withoutAnythingNamingABrandTheTenantsDefaultBrandApplies() {
		TenantId tenant = fixtures.activeTenant();
		BrandDetails defaultBrand = fixtures.defaultBrand(tenant);

		HttpResponse<String> response = probe(tenant);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(echo(response).get("brandId").asString()).isEqualTo(defaultBrand.id().toString());
		assertThat(echo(response).get("mdcBrandId").asString()).isEqualTo(defaultBrand.id().toString());
		assertThat(response.headers().firstValue("x-brand-id")).contains(defaultBrand.id().toString());
		assertThat(response.headers().firstValue("x-tenant-id")).contains(tenant.toString());
	}

	@Test
	void xBrandIdSelectsABrandOfTheCallersTenant() {
		TenantId tenant = fixtures.activeTenant();
		// the tenant is cached before its new brand exists: the brand's event refreshes
		// it
		assertThat(probe(tenant).statusCode()).isEqualTo(200);
		BrandDetails shop = fixtures.brand(tenant);

		HttpResponse<String> response = probe(tenant, "x-brand-id", shop.id().toString().toUpperCase());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(echo(response).get("brandId").asString()).isEqualTo(shop.id().toString());
		assertThat(response.headers().firstValue("x-brand-id")).contains(shop.id().toString());
	}

	@Test
	void theHostSelectsTheBrandThatOwnsIt() {
		TenantId tenant = fixtures.activeTenant();
		String hostname = GatewayFixtures.slug("shop") + ".example.com";
		BrandDetails shop = fixtures.brand(tenant, hostname);
		BrandDetails other = fixtures.brand(tenant);

		GatewayFixtures.RawResponse byHost = GatewayFixtures.rawGet(port, PATH, hostname.toUpperCase() + ":443",
				"x-test-credential: tenant=" + tenant);
		assertThat(byHost.status()).isEqualTo(200);
		assertThat(json.readTree(byHost.body()).get("brandId").asString()).isEqualTo(shop.id().toString());
		assertThat(byHost.header("x-brand-id")).isEqualTo(shop.id().toString());

		// behind a trusted proxy the original host comes in X-Forwarded-Host
		HttpResponse<String> forwarded = probe(tenant, "X-Forwarded-Host", hostname);
		assertThat(echo(forwarded).get("brandId").asString()).isEqualTo(shop.id().toString());

		// an explicit x-brand-id is more specific than the host
		GatewayFixtures.RawResponse named = GatewayFixtures.rawGet(port, PATH, hostname,
				"x-test-credential: tenant=" + tenant, "x-brand-id: " + other.id());
		assertThat(json.readTree(named.body()).get("brandId").asString()).isEqualTo(other.id().toString());
	}

	@Test
	void anUnknownHostFallsBackToTheDefaultBrand() {
		TenantId tenant = fixtures.activeTenant();
		GatewayFixtures.RawResponse response = GatewayFixtures.rawGet(port, PATH,
				GatewayFixtures.slug("nobody") + ".example.net", "x-test-credential: tenant=" + tenant);
		assertThat(response.status()).isEqualTo(200);
		assertThat(json.readTree(response.body()).get("brandId").asString())
			.isEqualTo(fixtures.defaultBrand(tenant).id().toString());
	}

	@Test
	void aBrandOfAnotherTenantIsRefusedWhetherNamedOrByHost() {
		TenantId mine = fixtures.activeTenant();
		TenantId theirs = fixtures.activeTenant();
		String theirHostname = GatewayFixtures.slug("theirs") + ".example.com";
		BrandDetails theirBrand = fixtures.brand(theirs, theirHostname);

		assertProblem(probe(mine, "x-brand-id", theirBrand.id().toString()), 403, "brand_mismatch");
		assertProblem(probe(mine, "x-brand-id", fixtures.defaultBrand(theirs).id().toString()), 403, "brand_mismatch");
		// a brand that does not exist reads the same: existence is not revealed
		assertProblem(probe(mine, "x-brand-id", Ids.newId().toString()), 403, "brand_mismatch");

		GatewayFixtures.RawResponse byHost = GatewayFixtures.rawGet(port, PATH, theirHostname,
				"x-test-credential: tenant=" + mine);
		assertThat(byHost.status()).isEqualTo(403);
		assertThat(json.readTree(byHost.body()).get("code").asString()).isEqualTo("brand_mismatch");
		assertThat(byHost.body()).doesNotContain(theirBrand.id().toString(), theirs.toString());
	}

	@Test
	void aMalformedBrandIdIsA400() {
		TenantId tenant = fixtures.activeTenant();
		assertProblem(probe(tenant, "x-brand-id", "not-a-uuid"), 400, "brand_id_invalid");
		assertProblem(probe(tenant, "x-brand-id", "1-1-1-1-1"), 400, "brand_id_invalid");
	}

	@Test
	void aCredentialBoundToABrandDecidesTheBrand() {
		TenantId tenant = fixtures.activeTenant();
		BrandDetails bound = fixtures.brand(tenant);
		String credential = "tenant=" + tenant + ";brand=" + bound.id();

		HttpResponse<String> response = http.get(PATH, "x-test-credential", credential);
		assertThat(echo(response).get("brandId").asString()).isEqualTo(bound.id().toString());
		assertThat(http.get(PATH, "x-test-credential", credential, "x-brand-id", bound.id().toString()).statusCode())
			.isEqualTo(200);
		assertProblem(http.get(PATH, "x-test-credential", credential, "x-brand-id",
				fixtures.defaultBrand(tenant).id().toString()), 403, "brand_mismatch");
	}

	@Test
	void xTenantIdOfAnotherTenantIsRefused() {
		TenantId mine = fixtures.activeTenant();
		TenantId theirs = fixtures.activeTenant();
		assertProblem(probe(mine, "x-tenant-id", theirs.toString()), 403, "tenant_mismatch");
		assertThat(probe(mine, "x-tenant-id", mine.toString()).statusCode()).isEqualTo(200);
	}

	@Test
	void anInboundUserIdIsNeitherTrustedNorPassedOn() {
		TenantId tenant = fixtures.activeTenant();
		String user = Ids.newId().toString();
		String forged = Ids.newId().toString();

		JsonNode withUser = echo(
				http.get(PATH, "x-test-credential", "tenant=" + tenant + ";user=" + user, "x-user-id", forged));
		assertThat(withUser.get("userId").asString()).isEqualTo(user);
		assertThat(withUser.get("userIdHeader").asString()).isEqualTo("null");
		assertThat(withUser.get("userIdHeaderListed").asBoolean()).isFalse();

		JsonNode withoutUser = echo(probe(tenant, "X-User-Id", forged));
		assertThat(withoutUser.get("userId").asString()).isEqualTo("null");
		assertThat(withoutUser.get("actor").asString()).doesNotContain(forged);
	}

	@Test
	void anOperatorWithoutATenantGetsNoBrand() {
		HttpResponse<String> response = http.get(PATH, "x-test-credential", "user=" + Ids.newId());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(echo(response).get("tenantId").asString()).isEqualTo("null");
		assertThat(echo(response).get("brandId").asString()).isEqualTo("null");
		assertThat(response.headers().firstValue("x-brand-id")).isEmpty();
	}

	@Test
	void theClientsAddressFromATrustedProxyAndItsUserAgentAreInTheLoggingContext() {
		TenantId tenant = fixtures.activeTenant();
		String userAgent = "Probe/1.0 " + "x".repeat(400);

		JsonNode echo = echo(probe(tenant, "X-Forwarded-For", "203.0.113.7, 10.0.0.1", "User-Agent", userAgent));
		// the nearest address that is not a trusted proxy is the client
		assertThat(echo.get("clientIp").asString()).isEqualTo("203.0.113.7");
		assertThat(echo.get("userAgent").asString()).hasSize(GatewayFilter.MAX_USER_AGENT)
			.isEqualTo(userAgent.substring(0, GatewayFilter.MAX_USER_AGENT));

		assertThat(echo(probe(tenant)).get("clientIp").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
	}

	private HttpResponse<String> probe(TenantId tenant, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "x-test-credential";
		all[1] = "tenant=" + tenant;
		System.arraycopy(headers, 0, all, 2, headers.length);
		return http.get(PATH, all);
	}

	private JsonNode echo(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo(code);
	}

}
