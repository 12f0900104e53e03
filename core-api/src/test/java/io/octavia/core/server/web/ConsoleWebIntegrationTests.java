package io.octavia.core.server.web;

import java.net.http.HttpResponse;
import java.util.Locale;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consoles over plain HTTP: which language a page is in, the full-page and htmx twins
 * of one URL, the error page for browsers and problems for htmx, and the shipped assets.
 */
@OctaviaIntegrationTest
class ConsoleWebIntegrationTests {

	private static final String HTML = "text/html,application/xhtml+xml";

	@LocalServerPort
	int port;

	@Autowired
	MessageSource messages;

	private TestHttp http;

	@BeforeEach
	void setUp() {
		this.http = new TestHttp(this.port).asConsoleUsers();
	}

	@Test
	void englishWithoutAnyPreference() {
		Document page = page(this.http.get("/admin", "Accept", HTML));
		assertThat(page.select("html").attr("lang")).isEqualTo("en");
		assertThat(page.select("html").attr("dir")).isEqualTo("ltr");
	}

	@Test
	void acceptLanguageChoosesTheBestSupportedLanguage() {
		assertThat(language(this.http.get("/portal", "Accept-Language", "de-CH, fr;q=0.8"))).isEqualTo("de");
		assertThat(language(this.http.get("/portal", "Accept-Language", "ru, es;q=0.5"))).isEqualTo("es");
		assertThat(language(this.http.get("/portal", "Accept-Language", "ru, ja"))).isEqualTo("en");
		assertThat(language(this.http.get("/portal", "Accept-Language", ";;;==,"))).isEqualTo("en");
	}

	@Test
	void theLanguageParameterIsRememberedInACookie() {
		HttpResponse<String> chosen = this.http.get("/admin?lang=fa", "Accept-Language", "de");
		Document page = page(chosen);
		assertThat(page.select("html").attr("lang")).isEqualTo("fa");
		assertThat(page.select("html").attr("dir")).isEqualTo("rtl");
		String cookie = chosen.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith(LocaleConfiguration.COOKIE + "=fa").containsIgnoringCase("HttpOnly");

		HttpResponse<String> later = this.http.get("/portal", "Accept-Language", "de", "Cookie", "octavia_locale=fa");
		assertThat(language(later)).isEqualTo("fa");
	}

	@Test
	void unsupportedOrMalformedLanguagesFallBackToEnglish() {
		HttpResponse<String> unsupported = this.http.get("/admin?lang=ru");
		assertThat(language(unsupported)).isEqualTo("en");
		assertThat(unsupported.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith(LocaleConfiguration.COOKIE + "=en"));
		assertThat(language(this.http.get("/admin?lang=%25%25!!"))).isEqualTo("en");
		assertThat(language(this.http.get("/admin", "Cookie", "octavia_locale=xx-forged"))).isEqualTo("en");
	}

	@Test
	void theLanguageParameterOnlyAppliesToTheConsoles() {
		HttpResponse<String> meta = this.http.get("/api/v1/meta?lang=fa");
		assertThat(meta.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void oneUrlServesTheFullPageAndTheHtmxFragment() {
		for (String url : new String[] { "/admin/fragments/platform-status", "/portal/fragments/welcome" }) {
			HttpResponse<String> fullPage = this.http.get(url, "Accept", HTML);
			assertThat(fullPage.statusCode()).isEqualTo(200);
			assertThat(page(fullPage).select(".shell .card .card-title")).hasSize(1);

			HttpResponse<String> fragment = this.http.get(url, "HX-Request", "true");
			assertThat(fragment.statusCode()).isEqualTo(200);
			assertThat(fragment.body()).doesNotContain("<html").doesNotContain("shell").contains("card-title");
		}
	}

	@Test
	void dashboardsLoadEveryPanelOfTheirConsole() {
		Document admin = page(this.http.get("/admin"));
		assertThat(admin.select("section[hx-get]").eachAttr("hx-get")).contains("/admin/fragments/platform-status");
		assertThat(admin.select("section[hx-get]").eachAttr("hx-trigger")).containsOnly("load");
		Document portal = page(this.http.get("/portal"));
		assertThat(portal.select("section[hx-get]").eachAttr("hx-get")).contains("/portal/fragments/welcome")
			.doesNotContain("/admin/fragments/platform-status");
	}

	@Test
	void aBrowserGetsTheLocalizedErrorPageAndHtmxAProblem() {
		HttpResponse<String> browser = this.http.get("/admin/no-such-page", "Accept", HTML, "Accept-Language", "de");
		assertThat(browser.statusCode()).isEqualTo(404);
		Document page = page(browser);
		assertThat(page.select(".error-message").text()).isEqualTo(message("ui.error.404", Locale.GERMAN));
		assertThat(page.select("a.btn").attr("href")).isEqualTo("/admin");

		HttpResponse<String> htmx = this.http.get("/admin/no-such-page", "HX-Request", "true", "Accept-Language", "de");
		assertThat(htmx.statusCode()).isEqualTo(404);
		assertThat(htmx.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(htmx.body()).contains(message("api.problem.not_found.detail", Locale.GERMAN));
	}

	@Test
	void pagesLoadTheDesignSystemFromTheJarAndCarryTheCsrfToken() {
		assertThat(this.http.get("/ui/octavia.css").headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/css"));
		assertThat(this.http.get("/ui/octavia.js").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/ui/favicon.svg").statusCode()).isEqualTo(200);
		Document page = page(this.http.get("/admin"));
		assertThat(page.select("meta[name=_csrf]").attr("content")).isNotBlank();
		assertThat(page.select("meta[name=_csrf_header]").attr("content")).isEqualTo("X-CSRF-TOKEN");
		for (String script : page.select("script[src]").eachAttr("src")) {
			assertThat(this.http.get(script).statusCode()).as(script).isEqualTo(200);
		}
	}

	private String language(HttpResponse<String> response) {
		return page(response).select("html").attr("lang");
	}

	private Document page(HttpResponse<String> response) {
		assertThat(response.statusCode()).isBetween(200, 499);
		return Jsoup.parse(response.body());
	}

	private String message(String key, Locale locale) {
		return this.messages.getMessage(key, null, locale);
	}

}
