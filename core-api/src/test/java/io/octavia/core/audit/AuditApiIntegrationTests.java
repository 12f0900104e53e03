package io.octavia.core.audit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit log through HTTP: a tenant's own log and an operator's view of any tenant's,
 * pagination, filters, JSON Lines export, chain verification, and the hostile cases —
 * another tenant's ids in path, query and headers, missing authority, malformed input.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiIntegrationTests {

	private static final String READ = "audit:read";

	@LocalServerPort
	int port;

	@Autowired
	AuditManagement audit;

	@Autowired
	TenantManagement tenants;

	final JsonMapper json = JsonMapper.builder().build();

	TestHttp http;

	TenantId a;

	TenantId b;

	UserId operator = new UserId(Ids.newId());

	@BeforeAll
	void tenantsWithTheirLogs() {
		http = new TestHttp(port);
		a = tenant("Audit A");
		b = tenant("Audit B");
		Instant start = Instant.parse("2026-11-20T12:00:00Z");
		for (int i = 0; i < 5; i++) {
			audit.record(new AuditEntry(a, null, new AuditActor(ActorKind.USER, "alice"), "widget.created", "widget",
					"w-" + i, null, Map.of("name", "Widget " + i), "req-" + i, "198.51.100.7", "curl/8",
					start.plusSeconds(i), null));
		}
		audit.record(new AuditEntry(b, null, new AuditActor(ActorKind.USER, "bob"), "widget.created", "widget",
				a.toString(), null, null, null, null, null, start, null));
		await().atMost(Duration.ofSeconds(20)).until(() -> records(a).size() >= 8 && !records(b).isEmpty());
		audit.sealPending();
	}

	@Test
	void aTenantPagesThroughItsOwnLogNewestFirst() {
		JsonNode first = ok(get("/api/v1/audit-records?limit=2", tenantOf(a, READ)));
		assertThat(first.get("items")).hasSize(2);
		List<String> seen = new ArrayList<>();
		JsonNode page = first;
		while (true) {
			page.get("items").forEach(item -> {
				assertThat(item.get("tenantId").asString()).isEqualTo(a.toString());
				seen.add(item.get("id").asString());
			});
			if (page.get("nextCursor").isNull()) {
				break;
			}
			page = ok(get("/api/v1/audit-records?limit=2&cursor=" + page.get("nextCursor").asString(),
					tenantOf(a, READ)));
		}
		assertThat(seen).doesNotHaveDuplicates().hasSize(records(a).size());

		JsonNode widget = ok(get("/api/v1/audit-records?action=widget.created&targetId=w-4", tenantOf(a, READ)))
			.get("items")
			.get(0);
		assertThat(widget.get("actor").get("kind").asString()).isEqualTo("user");
		assertThat(widget.get("actor").get("id").asString()).isEqualTo("alice");
		assertThat(widget.get("target").get("type").asString()).isEqualTo("widget");
		assertThat(widget.get("target").get("id").asString()).isEqualTo("w-4");
		assertThat(widget.get("after").get("name").asString()).isEqualTo("Widget 4");
		assertThat(widget.get("occurredAt").asString()).isEqualTo("2026-11-20T12:00:04Z");
		assertThat(widget.get("clientIp").asString()).isEqualTo("198.51.100.7");
		assertThat(widget.get("chain").get("position").asLong()).isPositive();
		assertThat(widget.get("chain").get("hash").asString()).hasSize(64);
	}

	@Test
	void filtersByActorActionTargetAndTime() {
		JsonNode range = ok(get("/api/v1/audit-records?actorKind=user&actorId=alice&targetType=widget"
				+ "&from=2026-11-20T12:00:01Z&to=2026-11-20T12:00:03Z", tenantOf(a, READ)));
		assertThat(range.get("items")).extracting(item -> item.get("target").get("id").asString())
			.containsExactly("w-2", "w-1");
		JsonNode created = ok(get("/api/v1/audit-records?action=tenant.created", tenantOf(a, READ)));
		assertThat(created.get("items")).singleElement()
			.satisfies(item -> assertThat(item.get("target").get("id").asString()).isEqualTo(a.toString()));
		assertThat(ok(get("/api/v1/audit-records?actorKind=api_key", tenantOf(a, READ))).get("items")).isEmpty();
	}

	@Test
	void exportsTheLogAsJsonLines() {
		HttpResponse<String> export = get("/api/v1/audit-records/export", tenantOf(a, READ));
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/jsonl"));
		assertThat(export.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying(disposition -> assertThat(disposition).contains("attachment", ".jsonl"));
		List<String> lines = export.body().lines().toList();
		assertThat(lines).hasSize(records(a).size());
		lines.forEach(line -> assertThat(json.readTree(line).get("tenantId").asString()).isEqualTo(a.toString()));

		HttpResponse<String> widgets = get("/api/v1/audit-records/export?action=widget.created&limit=1",
				tenantOf(a, READ));
		assertThat(widgets.body().lines()).as("the limit does not cut an export").hasSize(5);
	}

	@Test
	void verifiesTheOwnChain() {
		JsonNode verification = ok(post("/api/v1/audit-records/verification", tenantOf(a, READ)));
		assertThat(verification.get("tenantId").asString()).isEqualTo(a.toString());
		assertThat(verification.get("intact").asBoolean()).isTrue();
		assertThat(verification.get("sealedRecords").asLong()).isGreaterThanOrEqualTo(7);
		assertThat(verification.get("firstBrokenLink").isNull()).isTrue();
		assertThat(verification.get("headHash").asString()).hasSize(64);
	}

	@Test
	void aTenantNeverSeesAnotherTenantsLog() {
		assertProblem(get("/api/v1/tenants/" + b + "/audit-records", tenantOf(a, READ)), 403, "forbidden");
		assertProblem(get("/api/v1/tenants/" + b + "/audit-records/export", tenantOf(a, READ)), 403, "forbidden");
		assertProblem(post("/api/v1/tenants/" + b + "/audit-records/verification", tenantOf(a, READ)), 403,
				"forbidden");
		assertProblem(get("/api/v1/tenants/" + a + "/audit-records", tenantOf(a, READ)), 403, "forbidden");
		assertProblem(
				http.get("/api/v1/audit-records", "x-test-credential", tenantOf(a, READ), "x-tenant-id", b.toString()),
				403, "tenant_mismatch");

		// B's record about A's id stays in B's log
		assertThat(ok(get("/api/v1/audit-records?targetId=" + a + "&actorId=bob", tenantOf(a, READ))).get("items"))
			.isEmpty();
		assertThat(ok(get("/api/v1/audit-records?tenantId=" + b, tenantOf(a, READ))).get("items"))
			.allSatisfy(item -> assertThat(item.get("tenantId").asString()).isEqualTo(a.toString()));
		assertThat(get("/api/v1/audit-records/export?targetId=" + a, tenantOf(b, READ)).body().lines())
			.allSatisfy(line -> assertThat(json.readTree(line).get("tenantId").asString()).isEqualTo(b.toString()));
	}

	@Test
	void needsTheAuditReadAuthority() {
		assertProblem(get("/api/v1/audit-records", tenantOf(a, "tenants:read")), 403, "forbidden");
		assertProblem(get("/api/v1/audit-records/export", tenantOf(a, "tenants:read")), 403, "forbidden");
		assertProblem(post("/api/v1/audit-records/verification", tenantOf(a, "tenants:read")), 403, "forbidden");
		assertProblem(get("/api/v1/tenants/" + a + "/audit-records", operator("tenants:read")), 403, "forbidden");
		assertProblem(http.get("/api/v1/audit-records"), 401, "unauthorized");
	}

	@Test
	void malformedParametersAreFieldProblems() {
		assertFieldProblem(get("/api/v1/audit-records?cursor=bm90LWEtY3Vyc29y", tenantOf(a, READ)), "cursor");
		assertFieldProblem(get("/api/v1/audit-records?cursor=%25%25%25", tenantOf(a, READ)), "cursor");
		assertFieldProblem(get("/api/v1/audit-records?limit=0", tenantOf(a, READ)), "limit");
		assertFieldProblem(get("/api/v1/audit-records?limit=ten", tenantOf(a, READ)), "limit");
		assertFieldProblem(get("/api/v1/audit-records?from=yesterday", tenantOf(a, READ)), "from");
		assertFieldProblem(
				get("/api/v1/audit-records?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", tenantOf(a, READ)),
				"to");
		assertFieldProblem(get("/api/v1/audit-records?actorKind=robot", tenantOf(a, READ)), "actorKind");
		assertFieldProblem(get("/api/v1/audit-records/export?cursor=nope", tenantOf(a, READ)), "cursor");
		assertFieldProblem(get("/api/v1/tenants/not-a-uuid/audit-records", operator(READ)), "tenantId");
	}

	@Test
	void anOperatorReadsAnyTenantsLogAndLeavesATrace() {
		JsonNode page = ok(get("/api/v1/tenants/" + a + "/audit-records?action=widget.created", operator(READ)));
		assertThat(page.get("items")).hasSize(5)
			.allSatisfy(item -> assertThat(item.get("tenantId").asString()).isEqualTo(a.toString()));
		assertThat(get("/api/v1/tenants/" + b + "/audit-records/export", operator(READ)).body().lines()).isNotEmpty()
			.allSatisfy(line -> assertThat(json.readTree(line).get("tenantId").asString()).isEqualTo(b.toString()));
		JsonNode verification = ok(post("/api/v1/tenants/" + a + "/audit-records/verification", operator(READ)));
		assertThat(verification.get("intact").asBoolean()).isTrue();
		assertProblem(get("/api/v1/tenants/" + Ids.newId() + "/audit-records", operator(READ)), 404,
				"tenant_not_found");

		// the operator's own log is the platform's: every access above is in it
		JsonNode trace = ok(get("/api/v1/audit-records?action=platform.cross_tenant_access&limit=200", operator(READ)));
		assertThat(trace.get("items")).extracting(item -> item.get("after").get("reason").asString())
			.contains("API GET /api/v1/tenants/" + a + "/audit-records",
					"API GET /api/v1/tenants/" + b + "/audit-records/export",
					"API POST /api/v1/tenants/" + a + "/audit-records/verification");
		assertThat(trace.get("items")).allSatisfy(item -> {
			assertThat(item.get("tenantId").asString()).isEqualTo(AuditManagement.PLATFORM.toString());
			assertThat(item.get("target").get("type").asString()).isEqualTo("platform");
		});
		assertThat(ok(get("/api/v1/audit-records?action=platform.cross_tenant_access", tenantOf(a, READ))).get("items"))
			.as("a tenant does not see the platform's log")
			.isEmpty();
	}

	@Test
	void theEndpointsAreDescribedInOpenApi() {
		JsonNode paths = json.readTree(http.get("/v3/api-docs").body()).get("paths");
		assertThat(paths.has("/api/v1/audit-records")).isTrue();
		assertThat(paths.has("/api/v1/audit-records/export")).isTrue();
		assertThat(paths.has("/api/v1/audit-records/verification")).isTrue();
		assertThat(paths.has("/api/v1/tenants/{tenantId}/audit-records/verification")).isTrue();
		assertThat(paths.get("/api/v1/audit-records").get("get").get("parameters"))
			.extracting(parameter -> parameter.get("name").asString())
			.contains("actorKind", "action", "targetType", "targetId", "from", "to", "cursor", "limit");
		assertThat(paths.get("/api/v1/audit-records/export")
			.get("get")
			.get("responses")
			.get("200")
			.get("content")
			.has("application/jsonl")).isTrue();
	}

	private TenantId tenant(String name) {
		String slug = "audit-api-" + Long.toString(Ids.newId().getLeastSignificantBits() & Long.MAX_VALUE, 36);
		return tenants.create(new CreateTenant(slug, name, "en", "UTC", "EUR")).id();
	}

	private List<AuditRecord> records(TenantId tenant) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> audit.find(tenant, AuditQuery.all().withLimit(AuditQuery.MAX_LIMIT)).records());
	}

	private String tenantOf(TenantId tenant, String authorities) {
		return "tenant=" + tenant + ";user=" + Ids.newId() + ";authorities=" + authorities;
	}

	private String operator(String authorities) {
		return "user=" + operator + ";authorities=" + authorities;
	}

	private HttpResponse<String> get(String path, String credential) {
		return http.get(path, "x-test-credential", credential);
	}

	private HttpResponse<String> post(String path, String credential) {
		return http.post(path, "application/json", "", "x-test-credential", credential);
	}

	private JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo(code);
	}

	private void assertFieldProblem(HttpResponse<String> response, String field) {
		assertProblem(response, 400, "validation_failed");
		assertThat(json.readTree(response.body()).get("errors")).extracting(error -> error.get("field").asString())
			.containsExactly(field);
	}

}
