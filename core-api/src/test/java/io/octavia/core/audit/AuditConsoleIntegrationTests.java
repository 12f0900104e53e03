package io.octavia.core.audit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit log viewers of both consoles over plain HTTP: the full page and its htmx
 * twins (new filter, "load more", "Verify chain"), inline errors for malformed filters,
 * and who may see which log.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditConsoleIntegrationTests {

	private static final String HTML = "text/html,application/xhtml+xml";

	private static final String OPERATOR = "user=" + Ids.newId() + ";authorities=audit:read";

	@LocalServerPort
	int port;

	@Autowired
	AuditManagement audit;

	@Autowired
	TenantManagement tenants;

	TestHttp http;

	TenantId a;

	TenantId b;

	String nameOfA;

	@BeforeAll
	void tenantsWithLongLogs() {
		http = new TestHttp(port);
		nameOfA = "Console Audit " + Ids.newId().toString().substring(30);
		a = tenants.create(new CreateTenant(slug(), nameOfA, "en", "UTC", "EUR")).id();
		b = tenants.create(new CreateTenant(slug(), "Console Audit B", "en", "UTC", "EUR")).id();
		Instant start = Instant.parse("2026-11-21T08:00:00Z");
		TenantContext.run(TenantContext.Scope.tenant(a, "test"), () -> {
			for (int i = 0; i < 60; i++) {
				audit.record(new AuditEntry(a, null, new AuditActor(ActorKind.USER, "carol"), "widget.created",
						"widget", "widget-a-" + i, null, Map.of("n", i), "req-" + i, "192.0.2.1", "Browser",
						start.plusSeconds(i), null));
			}
		});
		audit.record(new AuditEntry(b, null, new AuditActor(ActorKind.USER, "dave"), "widget.created", "widget",
				"widget-of-b", null, null, null, null, null, start, null));
		await().atMost(Duration.ofSeconds(20)).until(() -> count(a) >= 63);
		audit.sealPending();
	}

	@Test
	void anOperatorSeesATenantsLogAPageAtATime() {
		Document page = html(get("/admin/audit?tenant=" + a, OPERATOR));
		assertThat(page.select("h1").text()).isEqualTo("Audit log");
		assertThat(page.select(".page-subtitle").text()).contains(nameOfA);
		assertThat(page.select("#nav-audit").attr("aria-current")).isEqualTo("page");
		assertThat(page.select("#audit-rows > tr[id^=audit-]").not("#audit-more")).hasSize(50);
		assertThat(page.select("#audit-rows").text()).doesNotContain("widget-of-b");
		assertThat(page.select("input[name=tenant]").val()).isEqualTo(a.toString());

		String more = page.select("#audit-more a").attr("href");
		assertThat(more).startsWith("/admin/audit?tenant=" + a).contains("cursor=");
		HttpResponse<String> next = http.get(more, "x-test-credential", OPERATOR, "HX-Request", "true", "HX-Target",
				"audit-more");
		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(next.body()).doesNotContain("<html", "<table");
		Document rows = Jsoup.parseBodyFragment("<table><tbody>" + next.body() + "</tbody></table>");
		assertThat(rows.select("tr[id^=audit-]")).hasSizeGreaterThanOrEqualTo(13);
		assertThat(rows.select("#audit-more")).as("the last page").isEmpty();

		Document withoutJavaScript = html(get(more, OPERATOR));
		assertThat(withoutJavaScript.select("html")).isNotEmpty();
		assertThat(withoutJavaScript.select("#audit-rows > tr[id^=audit-]")).hasSizeGreaterThanOrEqualTo(13);
	}

	@Test
	void aNewFilterSwapsTheResultsOnly() {
		HttpResponse<String> results = http.get("/admin/audit?tenant=" + a + "&targetId=widget-a-7",
				"x-test-credential", OPERATOR, "HX-Request", "true", "HX-Target", "audit-results");
		assertThat(results.statusCode()).isEqualTo(200);
		Document fragment = Jsoup.parseBodyFragment(results.body());
		assertThat(fragment.select("html > head > title")).isEmpty();
		assertThat(fragment.select("section#audit-results")).hasSize(1);
		assertThat(fragment.select("#audit-rows > tr")).hasSize(1);
		assertThat(fragment.select("#audit-rows").text()).contains("widget-a-7", "carol", "192.0.2.1");

		Document none = html(get("/admin/audit?tenant=" + a + "&action=nothing.happened", OPERATOR));
		assertThat(none.select(".empty-state-title").text()).isEqualTo("No records");
	}

	@Test
	void verifyingTheChainShowsTheOutcome() {
		HttpResponse<String> fragment = http.get("/admin/audit/verification?tenant=" + a, "x-test-credential", OPERATOR,
				"HX-Request", "true");
		assertThat(fragment.statusCode()).isEqualTo(200);
		assertThat(fragment.body()).doesNotContain("<html");
		assertThat(Jsoup.parseBodyFragment(fragment.body()).select(".alert-success").text())
			.startsWith("The chain is intact");

		Document page = html(get("/admin/audit/verification?tenant=" + a, OPERATOR));
		assertThat(page.select("#audit-verification .alert-success")).hasSize(1);
		assertThat(page.select("#audit-verify").attr("href")).isEqualTo("/admin/audit/verification?tenant=" + a);

		Document portal = html(get("/portal/audit/verification", tenantOf(a)));
		assertThat(portal.select("#audit-verification .alert-success code").text()).hasSize(64);
	}

	@Test
	void withoutATenantTheOperatorSeesThePlatformsLogOfAccesses() {
		html(get("/admin/audit?tenant=" + b, OPERATOR));
		Document platform = html(get("/admin/audit?action=platform.cross_tenant_access&limit=5", OPERATOR));
		assertThat(platform.select(".page-subtitle").text()).contains("platform");
		assertThat(platform.select("#audit-rows").text()).contains("platform.cross_tenant_access");
		assertThat(platform.select("#audit-rows code").eachText())
			.anySatisfy(reason -> assertThat(reason).contains("Console GET /admin/audit?tenant=" + b));
	}

	@Test
	void malformedFiltersAreShownNextToTheirFields() {
		Document page = html(get("/admin/audit?tenant=" + a + "&from=yesterday&actorKind=robot", OPERATOR));
		assertThat(page.select("#audit-from").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.select("#audit-actor-kind").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.select(".field-error").eachText()).containsExactlyInAnyOrder("Enter a date and a time.",
				"Choose one of user, api_key, system or operator.");

		Document badTenant = html(get("/admin/audit?tenant=not-a-tenant", OPERATOR));
		assertThat(badTenant.select("#audit-tenant-error").text()).isEqualTo("Enter the id of a tenant (a UUID).");
		Document unknownTenant = html(get("/admin/audit?tenant=" + Ids.newId(), OPERATOR));
		assertThat(unknownTenant.select(".alert-warning").text()).isEqualTo("No tenant with this id exists.");

		Document german = html(http.get("/admin/audit?tenant=" + a + "&from=gestern", "x-test-credential", OPERATOR,
				"Accept", HTML, "Accept-Language", "de"));
		assertThat(german.select("#audit-from + .field-error").text()).isEqualTo("Geben Sie Datum und Uhrzeit an.");
	}

	@Test
	void aTenantSeesItsOwnLogInThePortal() {
		Document page = html(get("/portal/audit", tenantOf(a)));
		assertThat(page.select("h1").text()).isEqualTo("Audit log");
		assertThat(page.select("input[name=tenant]")).as("no tenant field in the portal").isEmpty();
		assertThat(page.select("#audit-rows > tr[id^=audit-]").not("#audit-more")).hasSize(50);

		Document ofB = html(get("/portal/audit?targetId=widget-a-1", tenantOf(b)));
		assertThat(ofB.select("#audit-rows > tr")).isEmpty();
		assertThat(html(get("/portal/audit?targetId=widget-of-b", tenantOf(b))).select("#audit-rows > tr")).hasSize(1);

		HttpResponse<String> results = http.get("/portal/audit?actorId=carol&limit=1", "x-test-credential", tenantOf(a),
				"HX-Request", "true", "HX-Target", "audit-results");
		assertThat(Jsoup.parseBodyFragment(results.body()).select("#audit-rows > tr[id^=audit-]").not("#audit-more"))
			.hasSize(50);
	}

	@Test
	void theViewersNeedTheAuthorityAndTheRightKindOfCaller() {
		assertThat(get("/admin/audit", "user=" + Ids.newId() + ";authorities=tenants:read").statusCode())
			.isEqualTo(403);
		assertThat(get("/portal/audit", "tenant=" + a + ";authorities=tenants:read").statusCode()).isEqualTo(403);
		assertThat(
				get("/admin/audit/verification?tenant=" + a, "tenant=" + a + ";authorities=tenants:read").statusCode())
			.isEqualTo(403);
		// a browser without a sign-in is sent to sign in, anything else gets the problem
		assertThat(http.get("/admin/audit", "Accept", HTML).headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/oauth2/authorization/octavia-admin-console"));
		assertThat(http.get("/portal/audit", "Accept", HTML).headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/oauth2/authorization/octavia-tenant-portal"));
		assertThat(http.get("/portal/audit").statusCode()).isEqualTo(401);

		HttpResponse<String> tenantInTheOperatorConsole = get("/admin/audit?tenant=" + b, tenantOf(a));
		assertThat(tenantInTheOperatorConsole.statusCode()).isEqualTo(403);
		assertThat(tenantInTheOperatorConsole.body()).doesNotContain("widget-of-b");
		HttpResponse<String> operatorInThePortal = get("/portal/audit", OPERATOR);
		assertThat(operatorInThePortal.statusCode()).isEqualTo(403);
		assertThat(operatorInThePortal.body()).doesNotContain("widget");
	}

	private long count(TenantId tenant) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> audit.verify(tenant).sealedRecords() + audit.verify(tenant).pendingRecords());
	}

	private String tenantOf(TenantId tenant) {
		return "tenant=" + tenant + ";user=" + Ids.newId() + ";authorities=audit:read";
	}

	private HttpResponse<String> get(String path, String credential) {
		return http.get(path, "x-test-credential", credential, "Accept", HTML);
	}

	private static Document html(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		return Jsoup.parse(response.body());
	}

	private static String slug() {
		return "audit-ui-" + Long.toString(Ids.newId().getLeastSignificantBits() & Long.MAX_VALUE, 36);
	}

}
