package io.octavia.core.api.tenancy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.octavia.core.api.ApiTestSupport.ALL_OPERATOR;
import static io.octavia.core.api.ApiTestSupport.ALL_TENANT;
import static io.octavia.core.api.ApiTestSupport.fieldErrors;
import static io.octavia.core.api.ApiTestSupport.json;
import static io.octavia.core.api.ApiTestSupport.operator;
import static io.octavia.core.api.ApiTestSupport.slug;
import static io.octavia.core.api.ApiTestSupport.tenantCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tenants API over HTTP: operators' tenant management with search and cursor
 * pagination, a tenant's own settings, and the refusals next to each — missing
 * authorities, callers of the wrong kind, other tenants' ids, bad input.
 */
@OctaviaIntegrationTest
class TenantsApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	ApiTestSupport api;

	@BeforeEach
	void setUp() {
		api = new ApiTestSupport(port, tenants);
	}

	@Test
	void anOperatorCreatesFindsAndChangesATenant() {
		String operator = operator(ALL_OPERATOR);
		String slug = slug("acme");
		HttpResponse<String> created = api.post("/api/v1/tenants", operator,
				ApiTestSupport.json(Map.of("slug", slug, "name", "Acme GmbH", "defaultLocale", "de", "timeZone",
						"Europe/Berlin", "defaultCurrency", "EUR", "metadata", Map.of("crm", "4711", "tier", "gold"))));
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode tenant = json(created);
		String id = tenant.get("id").asString();
		assertThat(created.headers().firstValue("Location")).contains("/api/v1/tenants/" + id);
		assertThat(tenant.get("slug").asString()).isEqualTo(slug);
		assertThat(tenant.get("status").asString()).isIn("provisioning", "active");

		await().atMost(Duration.ofSeconds(20))
			.until(() -> json(api.get("/api/v1/tenants/" + id, operator)).get("status").asString().equals("active"));

		HttpResponse<String> changed = api.patch("/api/v1/tenants/" + id, operator,
				"{\"name\":\"Acme AG\",\"timeZone\":\"Europe/Vienna\",\"metadata\":{\"tier\":null,\"region\":\"eu\"},"
						+ "\"slug\":\"ignored-" + slug + "\"}");
		assertThat(changed.statusCode()).isEqualTo(200);
		JsonNode after = json(changed);
		assertThat(after.get("name").asString()).isEqualTo("Acme AG");
		assertThat(after.get("timeZone").asString()).isEqualTo("Europe/Vienna");
		assertThat(after.get("defaultCurrency").asString()).as("untouched").isEqualTo("EUR");
		assertThat(after.get("slug").asString()).as("never changes").isEqualTo(slug);
		assertThat(after.get("metadata").properties()).extracting(Map.Entry::getKey)
			.containsExactlyInAnyOrder("crm", "region");
	}

	@Test
	void theLifecycleOverHttpWithIllegalTransitionsAsConflicts() {
		String operator = operator(ALL_OPERATOR);
		TenantId id = api.activeTenant("Lifecycle");
		String path = "/api/v1/tenants/" + id;

		assertThat(json(api.post(path + "/suspension", operator, "")).get("status").asString()).isEqualTo("suspended");
		HttpResponse<String> again = api.post(path + "/suspension", operator, "");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(json(again).get("code").asString()).isEqualTo("tenant_invalid_transition");
		assertThat(json(api.delete(path + "/suspension", operator)).get("status").asString()).isEqualTo("active");

		JsonNode closed = json(api.post(path + "/closure", operator, ""));
		assertThat(closed.get("status").asString()).isEqualTo("closed");
		assertThat(closed.get("closedAt").isNull()).isFalse();
		HttpResponse<String> patchClosed = api.patch(path, operator, "{\"name\":\"Too late\"}");
		assertThat(patchClosed.statusCode()).isEqualTo(409);
		assertThat(json(patchClosed).get("code").asString()).isEqualTo("tenant_read_only");
	}

	@Test
	void aTakenSlugIsAConflictAndBadInputIsReportedPerField() {
		String operator = operator(ALL_OPERATOR);
		String slug = slug("dup");
		String body = ApiTestSupport.json(Map.of("slug", slug, "name", "First", "defaultLocale", "en", "timeZone",
				"UTC", "defaultCurrency", "USD"));
		assertThat(api.post("/api/v1/tenants", operator, body).statusCode()).isEqualTo(201);
		HttpResponse<String> duplicate = api.post("/api/v1/tenants", operator, body);
		assertThat(duplicate.statusCode()).isEqualTo(409);
		assertThat(json(duplicate).get("code").asString()).isEqualTo("tenant_slug_taken");

		HttpResponse<String> invalid = api.post("/api/v1/tenants", operator, ApiTestSupport.json(Map.of("slug",
				"Not A Slug", "name", "", "defaultLocale", "it", "timeZone", "Mars/Base", "defaultCurrency", "EURO")));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(json(invalid).get("code").asString()).isEqualTo("validation_failed");
		assertThat(fieldErrors(invalid)).containsOnlyKeys("slug", "name", "defaultLocale", "timeZone",
				"defaultCurrency");

		TenantId id = api.activeTenant("Patch target");
		HttpResponse<String> badPatch = api.patch("/api/v1/tenants/" + id, operator,
				"{\"defaultLocale\":\"xx\",\"defaultCurrency\":\"XYZ\",\"name\":[1]}");
		assertThat(badPatch.statusCode()).isEqualTo(400);
		assertThat(fieldErrors(badPatch)).containsOnlyKeys("name");
		HttpResponse<String> badPatchValues = api.patch("/api/v1/tenants/" + id, operator,
				"{\"defaultLocale\":\"xx\",\"defaultCurrency\":\"XYZ\"}");
		assertThat(fieldErrors(badPatchValues)).containsOnlyKeys("defaultLocale", "defaultCurrency");
		assertThat(api.patch("/api/v1/tenants/" + id, operator, "[1,2]").statusCode()).isEqualTo(400);
	}

	@Test
	void operatorRoutesNeedAnOperatorWithTheAuthority() {
		TenantId tenant = api.activeTenant("Guarded");
		String body = ApiTestSupport.json(Map.of("slug", slug("nope"), "name", "Nope", "defaultLocale", "en",
				"timeZone", "UTC", "defaultCurrency", "USD"));

		assertForbidden(api.post("/api/v1/tenants", operator("tenants:read"), body));
		assertForbidden(api.get("/api/v1/tenants", operator("tenants:write")));
		assertForbidden(api.get("/api/v1/tenants/" + tenant, operator("brands:read")));
		assertForbidden(api.post("/api/v1/tenants/" + tenant + "/suspension", operator("tenants:read"), ""));
		// a tenant's caller never acts as an operator, whatever authorities it holds
		String tenantWithOperatorAuthorities = tenantCaller(tenant, ALL_OPERATOR);
		assertForbidden(api.get("/api/v1/tenants", tenantWithOperatorAuthorities));
		assertForbidden(api.get("/api/v1/tenants/" + tenant, tenantWithOperatorAuthorities));
		assertForbidden(api.post("/api/v1/tenants/" + tenant + "/closure", tenantWithOperatorAuthorities, ""));
		assertThat(api.get("/api/v1/tenants", null).statusCode()).isEqualTo(401);
		assertThat(json(api.get("/api/v1/tenants/" + tenant, operator(ALL_OPERATOR))).get("status").asString())
			.as("nothing changed")
			.isEqualTo("active");
	}

	@Test
	void unknownAndMalformedIds() {
		String operator = operator(ALL_OPERATOR);
		String unknown = Ids.newId().toString();
		HttpResponse<String> missing = api.get("/api/v1/tenants/" + unknown, operator);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(json(missing).get("code").asString()).isEqualTo("tenant_not_found");
		assertThat(api.post("/api/v1/tenants/" + unknown + "/suspension", operator, "").statusCode()).isEqualTo(404);
		assertThat(api.patch("/api/v1/tenants/" + unknown, operator, "{\"name\":\"x\"}").statusCode()).isEqualTo(404);
		HttpResponse<String> malformed = api.get("/api/v1/tenants/not-a-uuid", operator);
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(fieldErrors(malformed)).containsOnlyKeys("tenantId");
	}

	@Test
	void searchesBySlugOrNamePrefixAndStatus() {
		String operator = operator(ALL_OPERATOR);
		String marker = "srch" + Long.toString(Ids.newId().getLeastSignificantBits() & 0xffffffL, 36);
		TenantId bySlug = tenants.create(new CreateTenant(marker + "-one", "Unrelated", "en", "UTC", "USD")).id();
		TenantId byName = tenants
			.create(new CreateTenant(slug("other"), marker.toUpperCase() + " Two", "en", "UTC", "USD"))
			.id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> ids(api.get("/api/v1/tenants?status=active&q=" + marker, operator)).size() == 2);

		assertThat(ids(api.get("/api/v1/tenants?q=" + marker, operator))).containsExactly(bySlug.toString(),
				byName.toString());
		api.post("/api/v1/tenants/" + byName + "/suspension", operator, "");
		assertThat(ids(api.get("/api/v1/tenants?status=suspended&q=" + marker, operator)))
			.containsExactly(byName.toString());
		assertThat(ids(api.get("/api/v1/tenants?q=" + marker + "%25", operator))).as("% matches only itself").isEmpty();

		HttpResponse<String> badStatus = api.get("/api/v1/tenants?status=sleeping", operator);
		assertThat(badStatus.statusCode()).isEqualTo(400);
		assertThat(fieldErrors(badStatus)).containsOnlyKeys("status");
		assertThat(fieldErrors(api.get("/api/v1/tenants?limit=101", operator))).containsOnlyKeys("limit");
		assertThat(fieldErrors(api.get("/api/v1/tenants?limit=0", operator))).containsOnlyKeys("limit");
		assertThat(fieldErrors(api.get("/api/v1/tenants?cursor=bm90LW91cnM", operator))).containsOnlyKeys("cursor");
	}

	@Test
	void pagesNeitherRepeatNorSkipTenantsWhileNewOnesArrive() {
		String operator = operator(ALL_OPERATOR);
		String marker = "pg" + Long.toString(Ids.newId().getLeastSignificantBits() & 0xffffffL, 36);
		List<String> before = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			before
				.add(tenants.create(new CreateTenant(slug(marker), "Paged " + i, "en", "UTC", "USD")).id().toString());
		}

		List<String> seen = new ArrayList<>();
		List<Instant> created = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			HttpResponse<String> page = api
				.get("/api/v1/tenants?limit=3&q=" + marker + ((cursor != null) ? "&cursor=" + cursor : ""), operator);
			assertThat(page.statusCode()).isEqualTo(200);
			JsonNode body = json(page);
			body.get("items").forEach(item -> {
				seen.add(item.get("id").asString());
				created.add(Instant.parse(item.get("createdAt").asString()));
			});
			cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
			// new tenants arrive between the pages
			tenants.create(new CreateTenant(slug(marker), "Late " + pages, "en", "UTC", "USD"));
			pages++;
		}
		while (cursor != null && pages < 20);

		assertThat(seen).as("no duplicates").doesNotHaveDuplicates();
		assertThat(seen).as("no gaps among the tenants that existed").containsAll(before);
		assertThat(seen.subList(0, before.size())).containsExactlyElementsOf(before);
		assertThat(created).isSorted();
	}

	@Test
	void aTenantReadsAndChangesItsOwnSettingsOnly() {
		TenantId own = api.activeTenant("Own Settings");
		TenantId other = api.activeTenant("Other Settings");
		String caller = tenantCaller(own, ALL_TENANT);

		JsonNode settings = json(api.get("/api/v1/tenant", caller));
		assertThat(settings.get("id").asString()).isEqualTo(own.toString());
		JsonNode changed = json(api.patch("/api/v1/tenant", caller,
				"{\"name\":\"Own Settings GmbH\",\"defaultLocale\":\"fa\",\"id\":\"" + other + "\"}"));
		assertThat(changed.get("id").asString()).isEqualTo(own.toString());
		assertThat(changed.get("name").asString()).isEqualTo("Own Settings GmbH");
		assertThat(changed.get("defaultLocale").asString()).isEqualTo("fa");
		assertThat(json(api.get("/api/v1/tenants/" + other, operator(ALL_OPERATOR))).get("name").asString())
			.as("the other tenant is untouched")
			.isEqualTo("Other Settings");

		assertForbidden(api.patch("/api/v1/tenant", tenantCaller(own, "tenant:read"), "{\"name\":\"x\"}"));
		assertForbidden(api.get("/api/v1/tenant", tenantCaller(own, "brands:read")));
		HttpResponse<String> operatorHere = api.get("/api/v1/tenant", operator(ALL_OPERATOR + ",tenant:read"));
		assertThat(operatorHere.statusCode()).isEqualTo(403);
		assertThat(json(operatorHere).get("code").asString()).isEqualTo("tenant_required");
		HttpResponse<String> claimingOther = api.get("/api/v1/tenant", caller, "x-tenant-id", other.toString());
		assertThat(claimingOther.statusCode()).isEqualTo(403);
		assertThat(json(claimingOther).get("code").asString()).isEqualTo("tenant_mismatch");
		assertThat(claimingOther.body()).doesNotContain("Other Settings");
	}

	private static void assertForbidden(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(json(response).get("code").asString()).isEqualTo("forbidden");
	}

	private static List<String> ids(HttpResponse<String> page) {
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		json(page).get("items").forEach(item -> ids.add(item.get("id").asString()));
		return ids;
	}

}
