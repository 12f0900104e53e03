package io.octavia.core.api.branding;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.CreateBrand;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.octavia.core.api.ApiTestSupport.ALL_OPERATOR;
import static io.octavia.core.api.ApiTestSupport.ALL_TENANT;
import static io.octavia.core.api.ApiTestSupport.asTenant;
import static io.octavia.core.api.ApiTestSupport.fieldErrors;
import static io.octavia.core.api.ApiTestSupport.json;
import static io.octavia.core.api.ApiTestSupport.operator;
import static io.octavia.core.api.ApiTestSupport.slug;
import static io.octavia.core.api.ApiTestSupport.tenantCaller;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The brands API over HTTP, for a tenant's own brands and for operators: attributes,
 * merge-patch changes, the default brand, deletion; uniqueness conflicts, field errors,
 * and isolation — another tenant's ids in the path, the query, the body and the headers
 * never reach its data, and an id of another tenant reads exactly like one nobody has.
 */
@OctaviaIntegrationTest
class BrandsApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	BrandManagement brands;

	ApiTestSupport api;

	@BeforeEach
	void setUp() {
		api = new ApiTestSupport(port, tenants);
	}

	@Test
	void aTenantAddsChangesAndDeletesItsBrands() {
		TenantId tenant = api.activeTenant("Brand Owner");
		String caller = tenantCaller(tenant, ALL_TENANT);
		String hostname = slug("shop") + ".example.com";

		HttpResponse<String> created = api.post("/api/v1/brands", caller, ApiTestSupport.json(Map.of("slug", "shop",
				"name", "Shop", "hostnames", List.of(hostname.toUpperCase()), "primaryColor", "#AA0000", "accentColor",
				"#00aa00", "defaultLocale", "de", "supportedLocales", List.of("de", "en"), "sender",
				Map.of("fromName", "Shop Team", "fromEmail", "shop@example.com", "smsSenderId", "SHOP"), "legal",
				Map.of("legalName", "Shop GmbH", "address", "Hauptstr. 1\n10115 Berlin", "taxId", "DE123456789"),
				"support", Map.of("email", "help@example.com", "url", "https://help.example.com"))));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode brand = json(created);
		String id = brand.get("id").asString();
		assertThat(created.headers().firstValue("Location")).contains("/api/v1/brands/" + id);
		assertThat(brand.get("tenantId").asString()).isEqualTo(tenant.toString());
		assertThat(brand.get("defaultBrand").asBoolean()).isFalse();
		assertThat(brand.get("hostnames").get(0).asString()).isEqualTo(hostname);
		assertThat(brand.get("primaryColor").asString()).isEqualTo("#aa0000");
		assertThat(brand.get("sender").get("smsSenderId").asString()).isEqualTo("SHOP");
		assertThat(brand.get("legal").get("address").asString()).isEqualTo("Hauptstr. 1\n10115 Berlin");

		JsonNode listed = json(api.get("/api/v1/brands", caller));
		assertThat(listed.size()).isEqualTo(2);
		assertThat(listed.get(0).get("defaultBrand").asBoolean()).as("default first").isTrue();
		assertThat(listed.get(1).get("id").asString()).isEqualTo(id);

		HttpResponse<String> patched = api.patch("/api/v1/brands/" + id, caller,
				"{\"accentColor\":null,\"sender\":{\"fromName\":\"Shop Support\",\"replyTo\":\"reply@example.com\"},"
						+ "\"hostnames\":[],\"name\":\"Shop Online\"}");
		assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
		JsonNode after = json(patched);
		assertThat(after.get("accentColor").isNull()).as("unset").isTrue();
		assertThat(after.get("name").asString()).isEqualTo("Shop Online");
		assertThat(after.get("hostnames").size()).isZero();
		assertThat(after.get("sender").get("fromName").asString()).isEqualTo("Shop Support");
		assertThat(after.get("sender").get("fromEmail").asString()).as("merged, not replaced")
			.isEqualTo("shop@example.com");
		assertThat(after.get("sender").get("replyTo").asString()).isEqualTo("reply@example.com");
		assertThat(after.get("primaryColor").asString()).isEqualTo("#aa0000");

		assertThat(api.delete("/api/v1/brands/" + id, caller).statusCode()).isEqualTo(204);
		assertThat(api.get("/api/v1/brands/" + id, caller).statusCode()).isEqualTo(404);
		// the hostname is free again
		TenantId other = api.activeTenant("Hostname Taker");
		assertThat(api
			.post("/api/v1/brands", tenantCaller(other, ALL_TENANT),
					ApiTestSupport.json(Map.of("slug", "taker", "name", "Taker", "hostnames", List.of(hostname))))
			.statusCode()).isEqualTo(201);
	}

	@Test
	void duplicateSlugsAndHostnamesAreConflicts() {
		TenantId a = api.activeTenant("Dup A");
		TenantId b = api.activeTenant("Dup B");
		String hostname = slug("dup") + ".example.org";
		String callerA = tenantCaller(a, ALL_TENANT);
		String callerB = tenantCaller(b, ALL_TENANT);
		assertThat(api
			.post("/api/v1/brands", callerA,
					ApiTestSupport.json(Map.of("slug", "web", "name", "Web", "hostnames", List.of(hostname))))
			.statusCode()).isEqualTo(201);

		assertConflict(api.post("/api/v1/brands", callerA, ApiTestSupport.json(Map.of("slug", "web", "name", "Again"))),
				"brand_slug_taken");
		assertConflict(
				api.post("/api/v1/brands", callerB,
						ApiTestSupport.json(Map.of("slug", "web", "name", "Web B", "hostnames", List.of(hostname)))),
				"brand_hostname_taken");
		String brandOfB = json(
				api.post("/api/v1/brands", callerB, ApiTestSupport.json(Map.of("slug", "web", "name", "Web B"))))
			.get("id")
			.asString();
		assertConflict(api.patch("/api/v1/brands/" + brandOfB, callerB,
				"{\"hostnames\":[\"" + hostname.toUpperCase() + "\"]}"), "brand_hostname_taken");
		assertConflict(
				api.patch("/api/v1/brands/" + brandOfB, callerB, "{\"slug\":\""
						+ json(api.get("/api/v1/brands", callerB)).get(0).get("slug").asString() + "\"}"),
				"brand_slug_taken");
	}

	@Test
	void invalidHostnamesColoursLocalesAndContactsAreFieldErrors() {
		TenantId tenant = api.activeTenant("Validation");
		String caller = tenantCaller(tenant, ALL_TENANT);
		HttpResponse<String> invalid = api.post("/api/v1/brands", caller,
				ApiTestSupport.json(Map.of("slug", "okay", "name", "Invalid", "hostnames",
						List.of("good.example.com", "not a host", "nodot"), "primaryColor", "red", "accentColor",
						"#12345", "defaultLocale", "it", "supportedLocales", List.of("en", "xx"), "sender",
						Map.of("fromEmail", "no-at-sign", "smsSenderId", "TOOLONGSENDER1", "fromName", "a\nb"),
						"support", Map.of("url", "javascript:alert(1)"))));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(json(invalid).get("code").asString()).isEqualTo("validation_failed");
		assertThat(fieldErrors(invalid)).containsOnlyKeys("hostnames[1]", "hostnames[2]", "primaryColor", "accentColor",
				"defaultLocale", "supportedLocales[1]", "sender.fromEmail", "sender.smsSenderId", "sender.fromName",
				"support.url");

		String id = json(
				api.post("/api/v1/brands", caller, ApiTestSupport.json(Map.of("slug", "valid", "name", "Valid"))))
			.get("id")
			.asString();
		HttpResponse<String> badPatch = api.patch("/api/v1/brands/" + id, caller,
				"{\"backgroundColor\":\"#GGGGGG\",\"defaultLocale\":\"fr\",\"supportedLocales\":[\"de\",\"en\"]}");
		assertThat(badPatch.statusCode()).isEqualTo(400);
		assertThat(fieldErrors(badPatch)).containsOnlyKeys("backgroundColor", "defaultLocale");
		HttpResponse<String> noPrimary = api.patch("/api/v1/brands/" + id, caller, "{\"primaryColor\":null}");
		assertThat(fieldErrors(noPrimary)).containsOnlyKeys("primaryColor");
	}

	@Test
	void exactlyOneDefaultBrandWhichMovesAtomicallyAndCannotBeDeleted() throws Exception {
		TenantId tenant = api.activeTenant("Defaults");
		String caller = tenantCaller(tenant, ALL_TENANT);
		String initial = json(api.get("/api/v1/brands", caller)).get(0).get("id").asString();
		List<String> candidates = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			candidates.add(json(api.post("/api/v1/brands", caller,
					ApiTestSupport.json(Map.of("slug", "candidate-" + i, "name", "Candidate " + i))))
				.get("id")
				.asString());
		}

		JsonNode moved = json(api.post("/api/v1/brands/" + candidates.get(0) + "/default", caller, ""));
		assertThat(moved.get("defaultBrand").asBoolean()).isTrue();
		assertThat(defaults(caller)).containsExactly(candidates.get(0));
		HttpResponse<String> deleteDefault = api.delete("/api/v1/brands/" + candidates.get(0), caller);
		assertConflict(deleteDefault, "brand_default_delete");
		assertThat(api.delete("/api/v1/brands/" + initial, caller).statusCode()).as("no longer the default")
			.isEqualTo(204);

		try (ExecutorService threads = Executors.newFixedThreadPool(candidates.size())) {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> results = new ArrayList<>();
			for (String candidate : candidates) {
				results.add(threads.submit(() -> {
					start.await();
					return api.post("/api/v1/brands/" + candidate + "/default", caller, "").statusCode();
				}));
			}
			start.countDown();
			for (Future<Integer> result : results) {
				assertThat(result.get()).isEqualTo(200);
			}
		}
		assertThat(defaults(caller)).hasSize(1);
	}

	@Test
	void anotherTenantsIdsInPathQueryBodyAndHeadersNeverReachItsData() {
		TenantId a = api.activeTenant("Isolated A");
		TenantId b = api.activeTenant("Isolated B");
		BrandDetails brandOfB = asTenant(b, () -> brands
			.create(new CreateBrand(b, "secret", "Secret of B", List.of(slug("secret") + ".example.net"), "#123456")));
		String callerA = tenantCaller(a, ALL_TENANT);
		String unknown = Ids.newId().toString();
		String pathOfB = "/api/v1/brands/" + brandOfB.id();

		// path: another tenant's brand reads exactly like a brand nobody has
		assertSameNotFound(api.get(pathOfB, callerA), api.get("/api/v1/brands/" + unknown, callerA), brandOfB.id(),
				unknown);
		assertSameNotFound(api.patch(pathOfB, callerA, "{\"name\":\"Hijacked\"}"),
				api.patch("/api/v1/brands/" + unknown, callerA, "{\"name\":\"Hijacked\"}"), brandOfB.id(), unknown);
		assertSameNotFound(api.delete(pathOfB, callerA), api.delete("/api/v1/brands/" + unknown, callerA),
				brandOfB.id(), unknown);
		assertSameNotFound(api.post(pathOfB + "/default", callerA, ""),
				api.post("/api/v1/brands/" + unknown + "/default", callerA, ""), brandOfB.id(), unknown);
		assertSameNotFound(api.get(pathOfB + "/configuration", callerA),
				api.get("/api/v1/brands/" + unknown + "/configuration", callerA), brandOfB.id(), unknown);
		assertThat(api.put(pathOfB + "/logo", callerA, "image/png", BrandLogoIntegrationTests.png()).statusCode())
			.isEqualTo(404);
		assertThat(api.get(pathOfB + "/logo", callerA).statusCode()).isEqualTo(404);
		// operators' routes check that the brand is the tenant's in the path
		String operator = operator(ALL_OPERATOR);
		assertSameNotFound(api.get("/api/v1/tenants/" + a + "/brands/" + brandOfB.id(), operator),
				api.get("/api/v1/tenants/" + a + "/brands/" + unknown, operator), brandOfB.id(), unknown);
		assertThat(api.patch("/api/v1/tenants/" + a + "/brands/" + brandOfB.id(), operator, "{\"name\":\"x\"}")
			.statusCode()).isEqualTo(404);

		// query: the tenant comes from the credential, not from parameters
		JsonNode listed = json(api.get("/api/v1/brands?tenantId=" + b + "&tenant=" + b, callerA));
		listed.forEach(brand -> assertThat(brand.get("tenantId").asString()).isEqualTo(a.toString()));
		assertThat(listed.toString()).doesNotContain("Secret of B");

		// body: a tenant id in the body is not the brand's tenant
		ObjectNode body = ApiTestSupport.JSON.createObjectNode();
		body.put("tenantId", b.toString());
		body.put("slug", "planted");
		body.put("name", "Planted");
		JsonNode planted = json(api.post("/api/v1/brands", callerA, body.toString()));
		assertThat(planted.get("tenantId").asString()).isEqualTo(a.toString());
		assertThat(asTenant(b, () -> brands.list(b))).extracting(BrandDetails::slug).doesNotContain("planted");

		// headers: the tenant and brand of another tenant are refused, not switched to
		HttpResponse<String> tenantHeader = api.get("/api/v1/brands", callerA, "x-tenant-id", b.toString());
		assertThat(tenantHeader.statusCode()).isEqualTo(403);
		assertThat(json(tenantHeader).get("code").asString()).isEqualTo("tenant_mismatch");
		HttpResponse<String> brandHeader = api.get("/api/v1/brands", callerA, "x-brand-id", brandOfB.id().toString());
		assertThat(brandHeader.statusCode()).isEqualTo(403);
		assertThat(brandHeader.body()).doesNotContain("Secret of B");

		BrandDetails untouched = asTenant(b, () -> brands.find(brandOfB.id())).orElseThrow();
		assertThat(untouched.name()).isEqualTo("Secret of B");
		assertThat(untouched.defaultBrand()).isFalse();
	}

	@Test
	void operatorsManageTheBrandsOfAnyTenant() {
		TenantId tenant = api.activeTenant("Operated");
		String operator = operator(ALL_OPERATOR);
		String base = "/api/v1/tenants/" + tenant + "/brands";

		HttpResponse<String> created = api.post(base, operator,
				ApiTestSupport.json(Map.of("slug", "ops", "name", "Ops Brand", "tenantId", Ids.newId().toString())));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = json(created).get("id").asString();
		assertThat(json(created).get("tenantId").asString()).isEqualTo(tenant.toString());
		assertThat(json(api.get(base, operator)).size()).isEqualTo(2);
		assertThat(
				json(api.patch(base + "/" + id, operator, "{\"backgroundColor\":\"#000000\"}")).get("backgroundColor")
					.asString())
			.isEqualTo("#000000");
		JsonNode configuration = json(api.get(base + "/" + id + "/configuration", operator));
		assertThat(configuration.get("colors").get("onBackground").asString()).isEqualTo("#ffffff");
		assertThat(json(api.post(base + "/" + id + "/default", operator, "")).get("defaultBrand").asBoolean()).isTrue();

		assertThat(api.post(base, operator("tenants:read"), ApiTestSupport.json(Map.of("slug", "no", "name", "No")))
			.statusCode()).isEqualTo(403);
		assertThat(api.get(base, tenantCaller(tenant, ALL_OPERATOR + "," + ALL_TENANT)).statusCode()).isEqualTo(403);
		assertThat(api.get("/api/v1/tenants/" + Ids.newId() + "/brands", operator).statusCode()).isEqualTo(404);
		assertThat(api
			.post("/api/v1/tenants/" + Ids.newId() + "/brands", operator,
					ApiTestSupport.json(Map.of("slug", "orphan", "name", "Orphan")))
			.statusCode()).isEqualTo(404);
	}

	@Test
	void brandRoutesNeedTheirAuthorities() {
		TenantId tenant = api.activeTenant("Authorities");
		String reader = tenantCaller(tenant, "brands:read");
		String id = json(api.get("/api/v1/brands", reader)).get(0).get("id").asString();
		assertForbidden(api.post("/api/v1/brands", reader, ApiTestSupport.json(Map.of("slug", "no", "name", "No"))));
		assertForbidden(api.patch("/api/v1/brands/" + id, reader, "{\"name\":\"No\"}"));
		assertForbidden(api.post("/api/v1/brands/" + id + "/default", reader, ""));
		assertForbidden(
				api.put("/api/v1/brands/" + id + "/logo", reader, "image/png", BrandLogoIntegrationTests.png()));
		assertForbidden(api.get("/api/v1/brands", tenantCaller(tenant, "brands:write")));
		HttpResponse<String> operatorHere = api.get("/api/v1/brands", operator(ALL_OPERATOR + ",brands:read"));
		assertThat(json(operatorHere).get("code").asString()).isEqualTo("tenant_required");
	}

	private List<String> defaults(String caller) {
		List<String> ids = new ArrayList<>();
		json(api.get("/api/v1/brands", caller)).forEach(brand -> {
			if (brand.get("defaultBrand").asBoolean()) {
				ids.add(brand.get("id").asString());
			}
		});
		return ids;
	}

	/**
	 * Same status, code and text — only the id the caller sent and the request id differ.
	 */
	static void assertSameNotFound(HttpResponse<String> elsewhere, HttpResponse<String> nowhere, BrandId id,
			String unknownId) {
		assertThat(elsewhere.statusCode()).isEqualTo(404);
		assertThat(nowhere.statusCode()).isEqualTo(404);
		ObjectNode first = (ObjectNode) json(elsewhere);
		ObjectNode second = (ObjectNode) json(nowhere);
		first.remove("requestId");
		second.remove("requestId");
		assertThat(first.toString().replace(id.toString(), "ID")).isEqualTo(second.toString().replace(unknownId, "ID"));
		assertThat(elsewhere.body()).doesNotContain("Secret");
	}

	private static void assertConflict(HttpResponse<String> response, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
		assertThat(json(response).get("code").asString()).isEqualTo(code);
	}

	private static void assertForbidden(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(json(response).get("code").asString()).isEqualTo("forbidden");
	}

}
