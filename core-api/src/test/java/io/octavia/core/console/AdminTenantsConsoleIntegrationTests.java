package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.octavia.core.console.ConsoleClient.fragment;
import static io.octavia.core.console.ConsoleClient.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator console's tenant pages over plain HTTP: the list (search, status filter,
 * pages, its htmx twin), a new tenant (inline problems, input kept), a tenant's page with
 * its brands, audit tab and confirmed status actions; and who may do what.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminTenantsConsoleIntegrationTests {

	private static final String OPERATOR = "user=" + Ids.newId()
			+ ";authorities=tenants:read,tenants:write,brands:write,audit:read";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	BrandManagement brands;

	ConsoleClient operator;

	String prefix;

	List<TenantDetails> listed;

	@BeforeAll
	void manyTenantsWithOnePrefix() {
		operator = new ConsoleClient(port, OPERATOR);
		prefix = "lst" + Ids.newId().toString().substring(30);
		listed = new ArrayList<>();
		for (int i = 0; i < 27; i++) {
			listed.add(tenants
				.create(new CreateTenant(prefix + "-" + String.format("%02d", i), "Listed " + i, "en", "UTC", "EUR")));
		}
	}

	@Test
	void theListSearchesByPrefixAPageAtATimeOldestFirst() {
		Document page = operator.page("/admin/tenants?q=" + prefix);
		assertThat(page.select("h1").text()).isEqualTo("Tenants");
		assertThat(page.select("#nav-tenants").attr("aria-current")).isEqualTo("page");
		assertThat(page.select("#tenant-q").val()).isEqualTo(prefix);
		List<String> first = page.select("#tenant-rows tr.tenant-row td:nth-child(2)").eachText();
		assertThat(first).hasSize(25).startsWith(prefix + "-00", prefix + "-01").endsWith(prefix + "-24");

		String more = page.select("#tenants-more a").attr("href");
		assertThat(more).startsWith("/admin/tenants?q=" + prefix).contains("cursor=");
		HttpResponse<String> next = operator.htmx(more, "tenants-more");
		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(next.body()).doesNotContain("<html", "<table");
		Document rows = Jsoup.parseBodyFragment("<table><tbody>" + next.body() + "</tbody></table>");
		assertThat(rows.select("tr.tenant-row td:nth-child(2)").eachText()).containsExactly(prefix + "-25",
				prefix + "-26");
		assertThat(rows.select("#tenants-more")).as("the last page").isEmpty();
	}

	@Test
	void typingSwapsTheResultsOnly() {
		HttpResponse<String> results = operator.htmx("/admin/tenants?q=" + prefix + "-1", "tenant-results");
		assertThat(results.statusCode()).isEqualTo(200);
		Document fragment = fragment(results);
		assertThat(fragment.select("title")).isEmpty();
		assertThat(fragment.select("section#tenant-results")).hasSize(1);
		assertThat(fragment.select("tr.tenant-row td:nth-child(2)").eachText()).hasSize(10)
			.allMatch(slug -> slug.startsWith(prefix + "-1"));

		HttpResponse<String> byName = operator.htmx("/admin/tenants?q=listed%2026", "tenant-results");
		assertThat(fragment(byName).select("tr.tenant-row a").eachText()).contains("Listed 26");

		Document none = operator.page("/admin/tenants?q=zz-nothing-" + prefix);
		assertThat(none.select(".empty-state-title").text()).isEqualTo("No tenants");
	}

	@Test
	void theStatusFilterNarrowsAndRefusesUnknownStatuses() {
		TenantDetails suspended = listed.get(3);
		await().atMost(Duration.ofSeconds(20)).until(() -> status(suspended.id()) == TenantStatus.ACTIVE);
		HttpResponse<String> confirmed = operator.post("/admin/tenants/" + suspended.id() + "/suspension", Map.of());
		assertThat(confirmed.statusCode()).isEqualTo(302);

		Document page = operator.page("/admin/tenants?q=" + prefix + "&status=suspended");
		assertThat(page.select("tr.tenant-row td:nth-child(2)").eachText()).containsExactly(suspended.slug());
		assertThat(page.select("#tenant-status option[selected]").val()).isEqualTo("suspended");

		Document unknown = operator.page("/admin/tenants?status=asleep");
		assertThat(unknown.select("#tenant-status").attr("aria-invalid")).isEqualTo("true");
		assertThat(unknown.select(".field-error").text())
			.isEqualTo("Choose one of provisioning, active, suspended, closed or purged.");
		operator.post("/admin/tenants/" + suspended.id() + "/resumption", Map.of());
	}

	@Test
	void aNewTenantIsCreatedAndOpened() {
		Document form = operator.page("/admin/tenants/new");
		assertThat(form.select("#tenant-form input[name=_csrf]")).as("the form carries the CSRF token").hasSize(1);
		assertThat(form.select("#tenant-time-zone").val()).isEqualTo("UTC");

		String slug = "new-" + Ids.newId().toString().substring(28);
		HttpResponse<String> created = operator.post("/admin/tenants", Map.of("name", "Fresh Ltd", "slug", slug,
				"defaultLocale", "de", "timeZone", "Europe/Berlin", "defaultCurrency", "eur"));
		assertThat(created.statusCode()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches(".*/admin/tenants/[0-9a-f-]{36}");

		Document page = operator.page(location.substring(location.indexOf("/admin")));
		assertThat(page.select("#tenant-name").text()).isEqualTo("Fresh Ltd");
		assertThat(page.select(".flashes .alert-success").text()).isEqualTo("The tenant Fresh Ltd was created.");
		assertThat(page.select("dd").eachText()).contains("de", "Europe/Berlin", "EUR");

		String other = "htmx-" + Ids.newId().toString().substring(28);
		HttpResponse<String> withHtmx = operator.post("/admin/tenants", Map.of("name", "Htmx Ltd", "slug", other,
				"defaultLocale", "en", "timeZone", "UTC", "defaultCurrency", "USD"), "HX-Request", "true");
		assertThat(withHtmx.statusCode()).isEqualTo(200);
		assertThat(withHtmx.headers().firstValue("HX-Redirect").orElseThrow()).startsWith("/admin/tenants/");
	}

	@Test
	void problemsOfANewTenantShowAtTheirFieldsWithTheInputKept() {
		HttpResponse<String> refused = operator.post("/admin/tenants", Map.of("name", "", "slug", "Not A Slug",
				"defaultLocale", "xx", "timeZone", "Mars/Olympus", "defaultCurrency", "ABC"), "HX-Request", "true");
		assertThat(refused.statusCode()).isEqualTo(422);
		Document form = fragment(refused);
		assertThat(form.select("form#tenant-form")).hasSize(1);
		assertThat(form.select("title")).isEmpty();
		assertThat(form.select("#tenant-slug").val()).isEqualTo("Not A Slug");
		assertThat(form.select("#tenant-slug").attr("aria-invalid")).isEqualTo("true");
		assertThat(form.select("#tenant-slug ~ .field-error").text()).startsWith("Use 3 to 63 lower-case letters");
		assertThat(form.select("#tenant-name ~ .field-error").text()).isEqualTo("must not be empty");
		assertThat(form.select("#tenant-time-zone ~ .field-error").text())
			.isEqualTo("Enter a time zone such as Europe/Berlin.");
		assertThat(form.select("#tenant-currency ~ .field-error").text()).startsWith("Enter an ISO 4217 currency");
		assertThat(form.select("#tenant-locale ~ .field-error").text()).startsWith("Choose a supported language");

		HttpResponse<String> taken = operator.post("/admin/tenants", Map.of("name", "Copy", "slug",
				listed.get(0).slug(), "defaultLocale", "en", "timeZone", "UTC", "defaultCurrency", "EUR"),
				"Accept-Language", "de");
		assertThat(taken.statusCode()).isEqualTo(422);
		Document page = html(taken);
		assertThat(page.select("h1").text()).isEqualTo("Neuer Mandant");
		assertThat(page.select("#tenant-slug ~ .field-error").text())
			.startsWith("Ein anderer Mandant verwendet bereits den Kurznamen „" + listed.get(0).slug() + "“.");
		assertThat(page.select("#tenant-name").val()).isEqualTo("Copy");
	}

	@Test
	void aTenantsPageShowsItsBrandsAndItsAuditLog() {
		TenantDetails tenant = listed.get(5);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> TenantContext.call(TenantContext.Scope.tenant(tenant.id(), "test"),
					() -> brands.defaultBrand(tenant.id()).isPresent()));
		Document page = operator.page("/admin/tenants/" + tenant.id());
		assertThat(page.select("#tenant-name").text()).isEqualTo(tenant.name());
		assertThat(page.select("#brand-rows tr")).hasSize(1);
		assertThat(page.select("#brand-rows .badge-brand").text()).isEqualTo("Default");
		assertThat(page.select("#brand-rows a").attr("href")).startsWith("/admin/tenants/" + tenant.id() + "/brands/");
		assertThat(page.select("#tab-brands").attr("aria-current")).isEqualTo("page");

		Document audit = operator.page("/admin/tenants/" + tenant.id() + "/audit");
		assertThat(audit.select("#tab-audit").attr("aria-current")).isEqualTo("page");
		assertThat(audit.select("#audit-rows").text()).contains("tenant.created");

		HttpResponse<String> tab = operator.htmx("/admin/tenants/" + tenant.id() + "/audit", "tenant-tab");
		assertThat(tab.statusCode()).isEqualTo(200);
		assertThat(tab.body()).doesNotContain("<html");
		assertThat(fragment(tab).select("#tenant-audit #audit-rows tr")).isNotEmpty();
	}

	@Test
	void statusActionsAreConfirmedFirst() {
		TenantDetails tenant = listed.get(7);
		await().atMost(Duration.ofSeconds(20)).until(() -> status(tenant.id()) == TenantStatus.ACTIVE);
		Document page = operator.page("/admin/tenants/" + tenant.id());
		assertThat(page.select("#tenant-status-actions a").eachAttr("id")).containsExactly("tenant-close",
				"tenant-suspend");

		HttpResponse<String> question = operator.htmx(page.select("#tenant-suspend").attr("href"),
				"tenant-status-actions");
		Document confirmation = fragment(question);
		assertThat(confirmation.select("#tenant-confirmation p").text()).startsWith("Suspend " + tenant.name() + "?");
		assertThat(confirmation.select("#tenant-confirmation").attr("action"))
			.isEqualTo("/admin/tenants/" + tenant.id() + "/suspension");
		assertThat(status(tenant.id())).as("asking changes nothing").isEqualTo(TenantStatus.ACTIVE);

		assertThat(operator.post("/admin/tenants/" + tenant.id() + "/suspension", Map.of()).statusCode())
			.isEqualTo(302);
		Document suspended = operator.page("/admin/tenants/" + tenant.id());
		assertThat(suspended.select(".flashes .alert-success").text())
			.isEqualTo("The tenant " + tenant.name() + " is suspended.");
		assertThat(suspended.select("h1 .badge").text()).isEqualTo("Suspended");
		assertThat(status(tenant.id())).isEqualTo(TenantStatus.SUSPENDED);

		operator.post("/admin/tenants/" + tenant.id() + "/suspension", Map.of());
		Document twice = operator.page("/admin/tenants/" + tenant.id());
		assertThat(twice.select(".flashes .alert-error").text()).contains("cannot change");

		assertThat(operator.get("/admin/tenants/" + tenant.id() + "/confirmation?action=suspend").statusCode())
			.as("not offered while suspended")
			.isEqualTo(404);
		operator.post("/admin/tenants/" + tenant.id() + "/resumption", Map.of());
		assertThat(status(tenant.id())).isEqualTo(TenantStatus.ACTIVE);
		operator.post("/admin/tenants/" + tenant.id() + "/closure", Map.of());
		assertThat(status(tenant.id())).isEqualTo(TenantStatus.CLOSED);
	}

	@Test
	void thePagesNeedAnOperatorWithTheAuthority() {
		TenantId tenant = listed.get(1).id();
		ConsoleClient anonymous = new ConsoleClient(port, null);
		HttpResponse<String> nobody = anonymous.get("/admin/tenants");
		ConsoleClient.assertSignInRequired(nobody);
		assertThat(nobody.body()).doesNotContain(listed.get(0).slug());
		ConsoleClient.assertSignInRequired(anonymous.get("/admin/tenants/" + tenant));

		ConsoleClient reader = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=audit:read");
		HttpResponse<String> refused = reader.get("/admin/tenants");
		assertThat(refused.statusCode()).isEqualTo(403);
		Document page = html(refused);
		assertThat(page.select("h1").text()).isEqualTo("Forbidden");
		assertThat(page.select("#problem-code").text()).isEqualTo("forbidden");
		assertThat(page.select("#nav-tenants")).as("inside the console's shell").hasSize(1);
		assertThat(page.text()).doesNotContain(listed.get(0).slug());
		assertThat(html(reader.get("/admin/tenants", "Accept-Language", "fr")).select("#problem-detail").text())
			.isEqualTo("Vous n'êtes pas autorisé à effectuer cette action.");

		ConsoleClient readOnly = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=tenants:read");
		assertThat(readOnly.page("/admin/tenants").select("#tenant-new")).isEmpty();
		assertThat(readOnly.page("/admin/tenants/" + tenant).select("#tenant-status-actions")).isEmpty();
		assertThat(readOnly.get("/admin/tenants/new").statusCode()).isEqualTo(403);
		assertThat(readOnly.post("/admin/tenants/" + tenant + "/suspension", Map.of()).statusCode()).isEqualTo(403);
		assertThat(readOnly.get("/admin/tenants/" + tenant + "/audit").statusCode()).isEqualTo(403);
		assertThat(status(tenant)).isNotEqualTo(TenantStatus.SUSPENDED);

		ConsoleClient ofATenant = new ConsoleClient(port,
				"tenant=" + tenant + ";authorities=tenants:read,tenants:write");
		assertThat(ofATenant.get("/admin/tenants").statusCode()).isEqualTo(403);
		assertThat(ofATenant.get("/admin/tenants/" + tenant).statusCode()).isEqualTo(403);

		HttpResponse<String> htmx = reader.htmx("/admin/tenants?q=a", "tenant-results");
		assertThat(htmx.statusCode()).isEqualTo(403);
		assertThat(htmx.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
	}

	@Test
	void unknownTenantsAndForgedPostsAreRefused() {
		HttpResponse<String> unknown = operator.get("/admin/tenants/" + Ids.newId());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(html(unknown).select("#problem-code").text()).isEqualTo("tenant_not_found");
		assertThat(operator.get("/admin/tenants/not-a-uuid").statusCode()).isEqualTo(404);
		assertThat(operator.post("/admin/tenants/" + Ids.newId() + "/closure", Map.of()).statusCode()).isEqualTo(404);

		TenantId tenant = listed.get(2).id();
		assertThat(operator.postWithoutToken("/admin/tenants/" + tenant + "/closure", Map.of()).statusCode())
			.as("no CSRF token")
			.isEqualTo(403);
		assertThat(status(tenant)).isNotEqualTo(TenantStatus.CLOSED);
	}

	private TenantStatus status(TenantId id) {
		return TenantContext.call(TenantContext.Scope.tenant(id, "test"), () -> tenants.find(id).orElseThrow())
			.status();
	}

}
