package io.octavia.core.console;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.util.concurrent.Callable;
import javax.imageio.ImageIO;

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
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.octavia.core.console.ConsoleClient.fragment;
import static io.octavia.core.console.ConsoleClient.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's brand editor for any tenant over plain HTTP: every attribute, problems
 * at their fields with the input kept (invalid colour and hostname, taken slug), the logo
 * with its refusals, making a brand the default and deleting one; a brand is edited only
 * under its own tenant.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBrandEditorIntegrationTests {

	private static final String OPERATOR = "user=" + Ids.newId() + ";authorities=tenants:read,brands:write";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	BrandManagement brands;

	ConsoleClient operator;

	TenantId tenant;

	TenantId other;

	BrandDetails second;

	BrandDetails ofOther;

	@BeforeAll
	void twoTenantsWithBrands() {
		operator = new ConsoleClient(port, OPERATOR);
		tenant = tenants.create(new CreateTenant(slug("edit"), "Editor Tenant", "en", "UTC", "EUR")).id();
		other = tenants.create(new CreateTenant(slug("other"), "Other Tenant", "en", "UTC", "EUR")).id();
		awaitDefaultBrand(tenant);
		awaitDefaultBrand(other);
		second = inScope(tenant, () -> brands.create(new CreateBrand(tenant, "second", "Second Brand")));
		ofOther = inScope(other, () -> brands.create(new CreateBrand(other, "foreign", "Foreign Brand")));
	}

	@Test
	void everyAttributeIsEditedAndSaved() {
		Document editor = operator.page(url(second));
		assertThat(editor.select("h1").text()).isEqualTo("Second Brand");
		assertThat(editor.select("#brand-editor input[name=_csrf]")).hasSize(1);
		assertThat(editor.select("#brand-primaryColor-picker").attr("type")).isEqualTo("color");
		assertThat(editor.select("#brand-preview").attr("style")).contains("--preview-primary: #4f46e5");

		Map<String, Object> form = fullForm("second", "Second Brand Renamed");
		String host = Ids.newId().toString().substring(28) + ".example.com";
		form.put("hostnames", "Shop." + host + "\nwww." + host);
		HttpResponse<String> saved = operator.post(url(second), form);
		assertThat(saved.statusCode()).isEqualTo(302);
		BrandDetails changed = inScope(tenant, () -> brands.find(second.id()).orElseThrow());
		assertThat(changed.name()).isEqualTo("Second Brand Renamed");
		assertThat(changed.hostnames()).containsExactly("shop." + host, "www." + host);
		assertThat(changed.primaryColor()).isEqualTo("#112233");
		assertThat(changed.accentColor()).isEqualTo("#aabbcc");
		assertThat(changed.backgroundColor()).isNull();
		assertThat(changed.defaultLocale()).isEqualTo("de");
		assertThat(changed.supportedLocales()).containsExactly("de", "fa");
		assertThat(changed.sender().fromEmail()).isEqualTo("hello@example.com");
		assertThat(changed.sender().smsSenderId()).isEqualTo("Octavia");
		assertThat(changed.legal().taxId()).isEqualTo("DE123456789");
		assertThat(changed.legal().address()).isEqualTo("Street 1\n12345 Town");
		assertThat(changed.support().url()).isEqualTo("https://help.example.com");

		Document page = operator.page(url(second));
		assertThat(page.select(".flashes .alert-success").text())
			.isEqualTo("The brand Second Brand Renamed was saved.");
		assertThat(page.select("#brand-hostnames").val()).isEqualTo("shop." + host + "\nwww." + host);
		assertThat(page.select("input[name=supportedLocales][checked]").eachAttr("value")).containsExactly("de", "fa");
		assertThat(page.select("#brand-defaultLocale option[selected]").val()).isEqualTo("de");

		form.put("name", "Second Brand");
		HttpResponse<String> withHtmx = operator.post(url(second), form, "HX-Request", "true");
		assertThat(withHtmx.statusCode()).isEqualTo(200);
		Document fragment = fragment(withHtmx);
		assertThat(fragment.select("title")).isEmpty();
		assertThat(fragment.select("form#brand-editor .alert-success").text()).isEqualTo("The brand was saved.");
	}

	@Test
	void problemsShowAtTheirFieldsWithTheInputKept() {
		Map<String, Object> form = fullForm("second", "Second Brand");
		form.put("primaryColor", "blue");
		form.put("hostnames", "ok.example.com\nnot a host!");
		form.put("fromEmail", "nobody");
		form.put("supportUrl", "ftp://files");
		HttpResponse<String> refused = operator.post(url(second), form, "HX-Request", "true");
		assertThat(refused.statusCode()).isEqualTo(422);
		Document editor = fragment(refused);
		assertThat(editor.select("#brand-primaryColor").val()).isEqualTo("blue");
		assertThat(editor.select("#brand-primaryColor").attr("aria-invalid")).isEqualTo("true");
		assertThat(editor.select("#brand-primaryColor").parents().first().parent().select(".field-error").text())
			.isEqualTo("Enter a colour as #rrggbb, for example #4f46e5.");
		assertThat(editor.select("#brand-hostnames ~ .field-error").text())
			.isEqualTo("'not a host!' is not a valid hostname.");
		assertThat(editor.select("#brand-hostnames").text()).contains("not a host!");
		assertThat(editor.select("#brand-fromEmail ~ .field-error").text()).isEqualTo("Enter a valid e-mail address.");
		assertThat(editor.select("#brand-supportUrl ~ .field-error").text()).startsWith("Enter a web address");
		assertThat(editor.select("#brand-name").val()).isEqualTo("Second Brand");
		assertThat(inScope(tenant, () -> brands.find(second.id()).orElseThrow().primaryColor())).as("nothing saved")
			.isNotEqualTo("blue");

		Map<String, Object> taken = fullForm(defaultBrand(tenant).slug(), "Second Brand");
		HttpResponse<String> duplicate = operator.post(url(second), taken, "Accept-Language", "es");
		assertThat(duplicate.statusCode()).isEqualTo(422);
		Document page = html(duplicate);
		assertThat(page.select("html").attr("lang")).isEqualTo("es");
		assertThat(page.select("#brand-slug").val()).isEqualTo(defaultBrand(tenant).slug());
		assertThat(page.select("#brand-slug ~ .field-error").text()).contains(defaultBrand(tenant).slug())
			.startsWith("Este inquilino ya tiene una marca");
	}

	@Test
	void aLogoIsUploadedAndPreviewedAndBadFilesAreRefusedAtTheField() {
		HttpResponse<String> uploaded = operator.upload(url(second) + "/logo", "logo", "logo.png", "image/png", png(),
				"HX-Request", "true");
		assertThat(uploaded.statusCode()).isEqualTo(200);
		Document logo = fragment(uploaded);
		assertThat(logo.select("section#brand-logo")).hasSize(1);
		String src = logo.select("#brand-logo-image").attr("src");
		assertThat(src).startsWith("/brand-assets/" + second.id() + "/logo?v=");
		assertThat(operator.get(src).statusCode()).isEqualTo(200);

		byte[] oversized = new byte[1024 * 1024 + 512 * 1024];
		System.arraycopy(png(), 0, oversized, 0, png().length);
		HttpResponse<String> tooLarge = operator.upload(url(second) + "/logo", "logo", "big.png", "image/png",
				oversized, "HX-Request", "true");
		assertThat(tooLarge.statusCode()).isEqualTo(422);
		assertThat(fragment(tooLarge).select("#brand-logo-error").text())
			.isEqualTo("A logo may have at most 1,048,576 bytes.");

		HttpResponse<String> notAnImage = operator.upload(url(second) + "/logo", "logo", "notes.png", "image/png",
				"just text".getBytes(StandardCharsets.UTF_8));
		assertThat(notAnImage.statusCode()).isEqualTo(422);
		Document page = html(notAnImage);
		assertThat(page.select("#brand-logo-error").text()).startsWith("A logo must be a PNG, WebP or SVG image");
		assertThat(page.select("#brand-editor")).as("the whole editor without htmx").hasSize(1);

		HttpResponse<String> script = operator.upload(url(second) + "/logo", "logo", "x.svg", "image/svg+xml",
				"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
					.getBytes(StandardCharsets.UTF_8),
				"HX-Request", "true");
		assertThat(fragment(script).select("#brand-logo-error").text()).startsWith("The SVG contains scripts");
	}

	@Test
	void aBrandIsAddedMadeDefaultAndDeleted() {
		Document adding = operator.page("/admin/tenants/" + tenant + "/brands/new");
		assertThat(adding.select("#brand-logo")).as("no logo before the brand exists").isEmpty();
		Map<String, Object> form = fullForm("third-" + Ids.newId().toString().substring(30), "Third Brand");
		form.put("hostnames", "");
		HttpResponse<String> created = operator.post("/admin/tenants/" + tenant + "/brands", form, "HX-Request",
				"true");
		assertThat(created.statusCode()).isEqualTo(200);
		String page = created.headers().firstValue("HX-Redirect").orElseThrow();
		assertThat(operator.page(page).select(".flashes").text()).isEqualTo("The brand Third Brand was added.");
		String third = page.substring(page.lastIndexOf('/') + 1);

		BrandDetails previous = defaultBrand(tenant);
		assertThat(operator.post(page + "/default", Map.of()).statusCode()).isEqualTo(302);
		assertThat(defaultBrand(tenant).id().toString()).isEqualTo(third);
		assertThat(operator.page(page).select("#brand-actions .badge-brand").text()).isEqualTo("Default");

		HttpResponse<String> refused = operator.post(page + "/deletion", Map.of());
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(operator.page(page).select(".flashes .alert-error").text()).startsWith("The brand “third-")
			.endsWith("is the tenant’s default brand. Make another brand the default first.");

		operator.post(url(previous) + "/default", Map.of());
		HttpResponse<String> deleted = operator.post(page + "/deletion", Map.of());
		assertThat(deleted.headers().firstValue("Location").orElseThrow()).endsWith("/admin/tenants/" + tenant);
		assertThat(operator.get(page).statusCode()).isEqualTo(404);
	}

	@Test
	void aBrandIsEditedOnlyUnderItsOwnTenantAndWithTheAuthority() {
		String foreign = "/admin/tenants/" + tenant + "/brands/" + ofOther.id();
		HttpResponse<String> notFound = operator.get(foreign);
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(html(notFound).select("#problem-code").text()).isEqualTo("brand_not_found");
		assertThat(operator.post(foreign, fullForm("hijacked", "Hijacked")).statusCode()).isEqualTo(404);
		assertThat(operator.post(foreign + "/default", Map.of()).statusCode()).isEqualTo(404);
		assertThat(operator.post(foreign + "/deletion", Map.of()).statusCode()).isEqualTo(404);
		assertThat(operator.upload(foreign + "/logo", "logo", "l.png", "image/png", png()).statusCode()).isEqualTo(404);
		assertThat(inScope(other, () -> brands.find(ofOther.id()).orElseThrow().name())).isEqualTo("Foreign Brand");
		assertThat(operator.page(url(ofOther)).select("h1").text()).as("under its own tenant")
			.isEqualTo("Foreign Brand");

		ConsoleClient readOnly = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=tenants:read");
		assertThat(readOnly.get(url(second)).statusCode()).isEqualTo(403);
		assertThat(readOnly.post(url(second), fullForm("second", "Nope")).statusCode()).isEqualTo(403);
		assertThat(readOnly.page("/admin/tenants/" + tenant).select("#brand-new")).isEmpty();
		ConsoleClient aTenant = new ConsoleClient(port, "tenant=" + tenant + ";authorities=brands:write");
		assertThat(aTenant.get(url(second)).statusCode()).isEqualTo(403);
		ConsoleClient.assertSignInRequired(new ConsoleClient(port, null).get(url(second)));
	}

	private String url(BrandDetails brand) {
		return "/admin/tenants/" + brand.tenantId() + "/brands/" + brand.id();
	}

	static Map<String, Object> fullForm(String slug, String name) {
		Map<String, Object> form = new HashMap<>();
		form.put("slug", slug);
		form.put("name", name);
		String host = Ids.newId().toString().substring(28) + ".example.com";
		form.put("hostnames", "Shop." + host + "\nwww." + host);
		form.put("primaryColor", "#112233");
		form.put("accentColor", "#AABBCC");
		form.put("backgroundColor", "");
		form.put("defaultLocale", "de");
		form.put("supportedLocales", List.of("de", "fa"));
		form.put("fromName", "Example Shop");
		form.put("fromEmail", "hello@example.com");
		form.put("replyTo", "");
		form.put("smsSenderId", "Octavia");
		form.put("legalName", "Example GmbH");
		form.put("legalAddress", "Street 1\n12345 Town");
		form.put("taxId", "DE123456789");
		form.put("supportEmail", "help@example.com");
		form.put("supportUrl", "https://help.example.com");
		return form;
	}

	static byte[] png() {
		BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(0x4f46e5));
		graphics.fillRect(0, 0, 4, 4);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private BrandDetails defaultBrand(TenantId id) {
		return inScope(id, () -> brands.defaultBrand(id).orElseThrow());
	}

	private void awaitDefaultBrand(TenantId id) {
		await().atMost(Duration.ofSeconds(20)).until(() -> inScope(id, () -> brands.defaultBrand(id).isPresent()));
	}

	private static <T> T inScope(TenantId id, Callable<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(id, "test"), work);
	}

	private static String slug(String prefix) {
		return prefix + "-" + Ids.newId().toString().substring(28);
	}

}
