package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import java.util.concurrent.Callable;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.CreateBrand;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.octavia.core.console.AdminBrandEditorIntegrationTests.fullForm;
import static io.octavia.core.console.AdminBrandEditorIntegrationTests.png;
import static io.octavia.core.console.ConsoleClient.fragment;
import static io.octavia.core.console.ConsoleClient.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tenant portal's settings and brand pages over plain HTTP, and the isolation between
 * tenants: a user of tenant A reaches none of tenant B's brands through any id in a path,
 * query or form.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalConsoleIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	BrandManagement brands;

	TenantId a;

	TenantId b;

	BrandDetails brandOfA;

	BrandDetails brandOfB;

	ConsoleClient userOfA;

	@BeforeAll
	void twoTenants() {
		a = tenants.create(new CreateTenant(slug("portal-a"), "Portal A", "en", "UTC", "EUR")).id();
		b = tenants.create(new CreateTenant(slug("portal-b"), "Portal B", "en", "UTC", "EUR")).id();
		for (TenantId tenant : new TenantId[] { a, b }) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> inScope(tenant, () -> brands.defaultBrand(tenant).isPresent()));
		}
		brandOfA = inScope(a, () -> brands.create(new CreateBrand(a, "extra-a", "Extra A")));
		brandOfB = inScope(b, () -> brands.create(new CreateBrand(b, "extra-b", "Extra B")));
		userOfA = new ConsoleClient(port,
				"tenant=" + a + ";user=" + Ids.newId() + ";authorities=tenant:write,brands:read,brands:write");
	}

	@Test
	void theTenantChangesItsOwnSettings() {
		Document page = userOfA.page("/portal/settings");
		assertThat(page.select("#nav-settings").attr("aria-current")).isEqualTo("page");
		assertThat(page.select("#settings-name").val()).isEqualTo("Portal A");

		HttpResponse<String> saved = userOfA.post("/portal/settings", Map.of("name", "Portal A Renamed",
				"defaultLocale", "fr", "timeZone", "Europe/Paris", "defaultCurrency", "chf"), "HX-Request", "true");
		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(fragment(saved).select("#settings-form .alert-success").text())
			.isEqualTo("The settings were saved.");
		TenantDetails changed = inScope(a, () -> tenants.find(a).orElseThrow());
		assertThat(changed.name()).isEqualTo("Portal A Renamed");
		assertThat(changed.timeZone().getId()).isEqualTo("Europe/Paris");
		assertThat(changed.defaultCurrency().getCurrencyCode()).isEqualTo("CHF");

		HttpResponse<String> refused = userOfA.post("/portal/settings",
				Map.of("name", "Kept", "defaultLocale", "fr", "timeZone", "Nowhere/City", "defaultCurrency", "CHF"),
				"Accept-Language", "fa");
		assertThat(refused.statusCode()).isEqualTo(422);
		Document withProblems = html(refused);
		assertThat(withProblems.select("html").attr("dir")).isEqualTo("rtl");
		assertThat(withProblems.select("#settings-time-zone").val()).isEqualTo("Nowhere/City");
		assertThat(withProblems.select("#settings-time-zone ~ .field-error").text()).isNotBlank()
			.doesNotContain("Europe/Berlin such");
		assertThat(withProblems.select("#settings-name").val()).isEqualTo("Kept");
		assertThat(inScope(a, () -> tenants.find(a).orElseThrow().name())).isEqualTo("Portal A Renamed");
		assertThat(inScope(b, () -> tenants.find(b).orElseThrow().name())).isEqualTo("Portal B");
	}

	@Test
	void theTenantEditsItsOwnBrands() {
		Document list = userOfA.page("/portal/brands");
		assertThat(list.select("#brand-rows a").eachText()).contains("Extra A").doesNotContain("Extra B");
		assertThat(list.select("#brand-rows .badge-brand")).hasSize(1);

		Document editor = userOfA.page("/portal/brands/" + brandOfA.id());
		assertThat(editor.select("h1").text()).isEqualTo("Extra A");
		HttpResponse<String> saved = userOfA.post("/portal/brands/" + brandOfA.id(),
				fullForm("extra-a", "Extra A Renamed"));
		assertThat(saved.statusCode()).as(() -> html(saved).select(".field-error, .alert-error").eachText().toString())
			.isEqualTo(302);
		assertThat(inScope(a, () -> brands.find(brandOfA.id()).orElseThrow().name())).isEqualTo("Extra A Renamed");

		Map<String, Object> invalid = fullForm("extra-a", "Extra A");
		invalid.put("accentColor", "#12345");
		HttpResponse<String> refused = userOfA.post("/portal/brands/" + brandOfA.id(), invalid, "HX-Request", "true");
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(fragment(refused).select("#brand-accentColor").attr("aria-invalid")).isEqualTo("true");

		HttpResponse<String> logo = userOfA.upload("/portal/brands/" + brandOfA.id() + "/logo", "logo", "l.png",
				"image/png", png(), "HX-Request", "true");
		assertThat(fragment(logo).select("#brand-logo-image").attr("src")).contains(brandOfA.id().toString());

		HttpResponse<String> added = userOfA.post("/portal/brands", fullForm("added-a", "Added A"));
		assertThat(added.statusCode()).as(() -> html(added).select(".field-error, .alert-error").eachText().toString())
			.isEqualTo(302);
		String page = added.headers().firstValue("Location").orElseThrow();
		String path = page.substring(page.indexOf("/portal"));
		assertThat(userOfA.post(path + "/deletion", Map.of()).headers().firstValue("Location").orElseThrow())
			.endsWith("/portal/brands");
		assertThat(userOfA.get(path).statusCode()).isEqualTo(404);
	}

	@Test
	void noIdReachesAnotherTenantsBrand() {
		String foreign = "/portal/brands/" + brandOfB.id();
		HttpResponse<String> read = userOfA.get(foreign);
		assertThat(read.statusCode()).isEqualTo(404);
		assertThat(read.body()).doesNotContain("Extra B");
		assertThat(html(read).select("#problem-code").text()).isEqualTo("brand_not_found");
		assertThat(userOfA.post(foreign, fullForm("extra-b", "Hijacked")).statusCode()).isEqualTo(404);
		assertThat(userOfA.post(foreign, fullForm("extra-b", "Hijacked"), "HX-Request", "true").statusCode())
			.isEqualTo(404);
		assertThat(userOfA.upload(foreign + "/logo", "logo", "l.png", "image/png", png()).statusCode()).isEqualTo(404);
		assertThat(userOfA.post(foreign + "/default", Map.of()).statusCode()).isEqualTo(404);
		assertThat(userOfA.post(foreign + "/deletion", Map.of()).statusCode()).isEqualTo(404);

		// ids in the query or the form are ignored: the tenant is always the caller's
		Map<String, Object> smuggled = fullForm("smuggled-" + Ids.newId().toString().substring(30), "Smuggled");
		smuggled.put("tenantId", b.toString());
		HttpResponse<String> created = userOfA.post("/portal/brands?tenantId=" + b, smuggled);
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(inScope(b, () -> brands.list(b)).stream().map(BrandDetails::name)).doesNotContain("Smuggled");
		assertThat(inScope(a, () -> brands.list(a)).stream().map(BrandDetails::name)).contains("Smuggled");
		userOfA.post("/portal/settings?tenant=" + b, Map.of("tenant", b.toString(), "name", "Portal A", "defaultLocale",
				"en", "timeZone", "UTC", "defaultCurrency", "EUR"));
		assertThat(inScope(b, () -> tenants.find(b).orElseThrow().name())).isEqualTo("Portal B");

		BrandDetails untouched = inScope(b, () -> brands.find(brandOfB.id()).orElseThrow());
		assertThat(untouched.name()).isEqualTo("Extra B");
		assertThat(untouched.logo()).isNull();
	}

	@Test
	void thePagesNeedTheAuthorityAndATenant() {
		ConsoleClient reader = new ConsoleClient(port, "tenant=" + a + ";authorities=brands:read");
		assertThat(reader.page("/portal/brands").select("#brand-new")).isEmpty();
		assertThat(reader.get("/portal/brands/" + brandOfA.id()).statusCode()).isEqualTo(403);
		assertThat(reader.post("/portal/brands/" + brandOfA.id(), fullForm("extra-a", "Nope")).statusCode())
			.isEqualTo(403);
		assertThat(reader.get("/portal/settings").statusCode()).isEqualTo(403);

		HttpResponse<String> operator = new ConsoleClient(port,
				"user=" + Ids.newId() + ";authorities=brands:write,tenant:write")
			.get("/portal/brands");
		assertThat(operator.statusCode()).isEqualTo(403);
		// operators are turned away by the portal's sign-in rule, with the friendly page
		assertThat(operator.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		ConsoleClient.assertSignInRequired(new ConsoleClient(port, null).get("/portal/settings"));
	}

	private static <T> T inScope(TenantId id, Callable<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(id, "test"), work);
	}

	private static String slug(String prefix) {
		return prefix + "-" + Ids.newId().toString().substring(28);
	}

}
