package io.octavia.core.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.PlatformRole;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a person sees in Chromium: both consoles render, htmx loads their dashboard
 * panels, the language switch turns the layout right to left, and a failed htmx request
 * shows the server's localized problem as a toast; an operator finds tenants as they type
 * and sees a brand's new colour in the preview before saving it; a member enrols TOTP on
 * the account page and signs in with a code next time. Each console is reached through
 * its OIDC sign-in at the built-in issuer's form. Screenshots land in
 * {@code target/screenshots}.
 */
@OctaviaIntegrationTest
class ConsoleBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Locale PERSIAN = Locale.forLanguageTag("fa");

	private static final String PASSWORD = "correct horse battery staple";

	private static ChromeDriver driver;

	private static String operatorEmail;

	private static String tenantUserEmail;

	private String signedInTo;

	@Autowired
	IdentityManagement identity;

	@Autowired
	TenantManagement tenants;

	private static Path profile;

	@LocalServerPort
	int port;

	@Autowired
	MessageSource messages;

	@Autowired
	BrandManagement brands;

	@BeforeAll
	static void startBrowser() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String reason = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
					+ " (apt-get install chromium chromium-driver)";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail(reason);
			}
			System.err.println("SKIPPED ConsoleBrowserTests: " + reason);
			Assumptions.abort(reason);
		}
		profile = Files.createTempDirectory("octavia-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-dev-shm-usage", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile, "--window-size=1440,900");
		// the reader's language decides the page language; pin it so English is the start
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		// an explicit driver keeps Selenium Manager from looking for (or downloading) one
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
		if (profile != null) {
			FileSystemUtils.deleteRecursively(profile.toFile());
		}
	}

	@AfterEach
	void forgetLanguage() {
		driver.manage().deleteAllCookies();
	}

	@Test
	void operatorConsoleRendersWithItsDashboard() throws IOException {
		browserLog();
		open("/admin");
		assertThat(driver.findElement(By.tagName("html")).getDomAttribute("dir")).isEqualTo("ltr");
		assertThat((Boolean) script("return typeof window.htmx === 'object'")).isTrue();
		WebElement panel = waitFor(By.cssSelector("#platform-status .card-title"));
		assertThat(panel.getText()).isEqualTo(message("admin.status.title", Locale.ENGLISH));
		// the panel came from the htmx twin: a fragment, not a page with its own shell
		assertThat(driver.findElements(By.cssSelector("#platform-status .shell"))).isEmpty();
		assertThat(driver.findElement(By.cssSelector("#platform-status dl")).getText())
			.contains(Runtime.version().toString());
		assertThat(driver.getPageSource()).doesNotContain("??");
		screenshot("admin-en");
		assertThat(severe(browserLog())).isEmpty();
	}

	@Test
	void tenantPortalRendersWithItsDashboard() throws IOException {
		browserLog();
		open("/portal");
		assertThat((Boolean) script("return typeof window.htmx === 'object'")).isTrue();
		WebElement panel = waitFor(By.cssSelector("#welcome .card-title"));
		assertThat(panel.getText()).isEqualTo(message("portal.welcome.title", Locale.ENGLISH));
		assertThat(driver.findElement(By.cssSelector("#welcome a.btn")).getDomAttribute("href"))
			.isEqualTo("/swagger-ui.html");
		assertThat(driver.getPageSource()).doesNotContain("??");
		screenshot("portal-en");
		assertThat(severe(browserLog())).isEmpty();
	}

	@Test
	void persianTurnsBothConsolesRightToLeft() throws IOException {
		open("/admin");
		driver.findElement(By.cssSelector("details.menu > summary")).click();
		WebElement persian = waitFor(By.cssSelector("a[hreflang='fa']"));
		screenshot("admin-language-menu");
		persian.click();
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.attributeToBe(By.tagName("html"), "dir", "rtl"));
		assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("fa");
		assertThat(driver.findElement(By.id("nav-overview")).getText())
			.isEqualTo(message("admin.nav.overview", PERSIAN));
		waitFor(By.cssSelector("#platform-status .card-title"));
		screenshot("admin-fa");

		// the choice is remembered for the other console too
		open("/portal");
		assertThat(driver.findElement(By.tagName("html")).getDomAttribute("dir")).isEqualTo("rtl");
		assertThat(driver.findElement(By.id("nav-home")).getText()).isEqualTo(message("portal.nav.home", PERSIAN));
		waitFor(By.cssSelector("#welcome .card-title"));
		screenshot("portal-fa");
	}

	@Test
	void problemOfAnHtmxRequestShowsAsLocalizedToast() throws IOException {
		open("/admin?lang=fa");
		String heading = driver.findElement(By.cssSelector("#main h1")).getText();
		script("htmx.ajax('GET', '/admin/no-such-fragment', {target: '#main'})");
		WebElement toast = waitFor(By.cssSelector("#toasts .toast.toast-error[role='alert']"));
		assertThat(toast.getText()).contains(message("api.problem.not_found.detail", PERSIAN));
		// the problem is shown, never swapped into the page
		assertThat(driver.findElement(By.cssSelector("#main h1")).getText()).isEqualTo(heading);
		screenshot("admin-fa-toast");
	}

	@Test
	void nonGetHtmxRequestsCarryTheCsrfToken() {
		open("/admin");
		// past the CSRF check, a POST to a page that only answers GET is refused as 405
		script("htmx.ajax('POST', '/admin', {target: '#main'})");
		WebElement toast = waitFor(By.cssSelector("#toasts .toast.toast-error"));
		assertThat(toast.getText())
			.contains(this.messages.getMessage("api.problem.method_not_allowed.detail", new Object[] { "POST" },
					Locale.ENGLISH))
			.doesNotContain(message("api.problem.forbidden.detail", Locale.ENGLISH));
	}

	@Test
	void browserNavigationToAMissingPageShowsTheLocalizedErrorPage() throws IOException {
		open("/portal?lang=de");
		open("/portal/no-such-page");
		assertThat(driver.findElement(By.cssSelector(".error-status")).getText()).isEqualTo("404");
		assertThat(driver.findElement(By.cssSelector(".error-message")).getText())
			.isEqualTo(message("ui.error.404", Locale.GERMAN));
		screenshot("error-de");
	}

	@Test
	void operatorSearchesTenantsAsTheyTypeAndPreviewsABrandColour() throws IOException {
		String prefix = "brw" + Ids.newId().toString().substring(30);
		TenantId alpha = tenants.create(new CreateTenant(prefix + "-alpha", "Browser Alpha", "en", "UTC", "EUR")).id();
		tenants.create(new CreateTenant(prefix + "-beta", "Browser Beta", "en", "UTC", "EUR"));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> TenantContext.call(TenantContext.Scope.tenant(alpha, "test"),
					() -> brands.defaultBrand(alpha).isPresent()));
		BrandDetails brand = TenantContext.call(TenantContext.Scope.tenant(alpha, "test"),
				() -> brands.defaultBrand(alpha).orElseThrow());
		browserLog();
		open("/admin/tenants");
		driver.findElement(By.id("tenant-q")).sendKeys(prefix + "-al");
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tenant-results"), "Browser Alpha"));
		wait.until((browser) -> !driver.findElement(By.id("tenant-results")).getText().contains("Browser Beta"));
		assertThat(driver.findElements(By.cssSelector("#tenant-rows tr.tenant-row"))).hasSize(1);
		assertThat(driver.getCurrentUrl()).as("the search is in the address, for reload and back")
			.contains("q=" + prefix + "-al");
		screenshot("admin-tenants-search");

		driver.findElement(By.linkText("Browser Alpha")).click();
		waitFor(By.id("brand-" + brand.id()));
		driver.findElement(By.cssSelector("#brand-" + brand.id() + " a")).click();
		WebElement text = waitFor(By.id("brand-primaryColor"));
		By header = By.cssSelector("#brand-preview .brand-preview-header");
		script("const picker = document.getElementById('brand-primaryColor-picker');"
				+ " picker.value = '#ff0000'; picker.dispatchEvent(new Event('input', {bubbles: true}));");
		assertThat(text.getDomProperty("value")).isEqualTo("#ff0000");
		assertThat(driver.findElement(header).getCssValue("background-color")).isEqualTo("rgba(255, 0, 0, 1)");

		text.clear();
		text.sendKeys("#00aa00");
		assertThat(driver.findElement(header).getCssValue("background-color")).isEqualTo("rgba(0, 170, 0, 1)");
		assertThat(driver.findElement(By.id("brand-primaryColor-picker")).getDomProperty("value")).isEqualTo("#00aa00");
		screenshot("admin-brand-preview");

		driver.findElement(By.id("brand-save")).click();
		waitFor(By.cssSelector("#brand-editor .alert-success"));
		assertThat(TenantContext.call(TenantContext.Scope.tenant(alpha, "test"),
				() -> brands.find(brand.id()).orElseThrow().primaryColor()))
			.isEqualTo("#00aa00");
		assertThat(severe(browserLog())).as("no script errors, no CSP violations").isEmpty();
	}

	@Test
	void aMemberEnrolsTotpOnTheAccountPageAndSignsInWithACodeNextTime() throws Exception {
		TenantId tenant = tenants
			.create(new CreateTenant("brw-totp-" + Ids.newId().toString().substring(28), "TOTP Tenant", "en", "UTC",
					"EUR"))
			.id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), () -> tenants.find(tenant))
				.orElseThrow()
				.status() == TenantStatus.ACTIVE);
		UserSummary user = identity.createUser("browser-totp-" + UUID.randomUUID() + "@example.com", "Toni Totp",
				PASSWORD);
		TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> identity.addMember(tenant, user.id(), TenantRole.VIEWER));
		browserLog();
		driver.manage().deleteAllCookies();
		this.signedInTo = null;
		driver.get("http://localhost:" + this.port + "/portal/account");
		awaitPage();
		signInAt(user.email());
		inThePortal();
		driver.get("http://localhost:" + this.port + "/portal/account");
		awaitPage();

		driver.findElement(By.id("mfa-start")).click();
		String secret = waitFor(By.id("mfa-secret")).getDomProperty("value");
		assertThat(driver.findElement(By.id("mfa-qr-code")).getDomAttribute("src")).startsWith("data:image/svg+xml");
		long step = Instant.now().getEpochSecond() / 30;
		driver.findElement(By.id("mfa-code")).sendKeys(totp(secret, step));
		driver.findElement(By.id("mfa-confirm")).click();
		assertThat(waitFor(By.id("recovery-codes")).findElements(By.tagName("li"))).hasSize(10);
		assertThat(driver.findElement(By.id("mfa-state")).getText())
			.isEqualTo(message("account.mfa.on", Locale.ENGLISH));
		screenshot("portal-account-totp");

		// signed out (everywhere: the issuer's session goes too), the next sign-in asks
		// for a code
		script("document.getElementById('signout').closest('form').submit()");
		awaitPage();
		driver.manage().deleteAllCookies();
		driver.get("http://localhost:" + this.port + "/portal/account");
		awaitPage();
		signInAt(user.email());
		new WebDriverWait(driver, Duration.ofSeconds(15))
			.until((browser) -> browser.getCurrentUrl().contains("/signin/second-factor"));
		// a code is accepted once: the next step's, within the allowed drift
		driver.findElement(By.id("code")).sendKeys(totp(secret, step + 1));
		driver.findElement(By.cssSelector("#second-factor-form button[type=submit]")).click();
		inThePortal();
		driver.get("http://localhost:" + this.port + "/portal/account");
		awaitPage();
		assertThat(driver.findElement(By.id("mfa-state")).getText())
			.isEqualTo(message("account.mfa.on", Locale.ENGLISH));
		assertThat(severe(browserLog())).as("no script errors, no CSP violations").isEmpty();
		driver.manage().deleteAllCookies();
	}

	/** Back from the issuer in the tenant portal, wherever it lands. */
	private static void inThePortal() {
		new WebDriverWait(driver, Duration.ofSeconds(15)).until((browser) -> {
			String url = browser.getCurrentUrl();
			return url.contains("/portal") && !url.contains("/signin") && !url.contains("/oauth2/")
					&& !url.contains("/login/");
		});
		awaitPage();
	}

	/** The issuer's sign-in form, with the shared password. */
	private static void signInAt(String email) {
		assertThat(driver.getCurrentUrl()).contains("/signin");
		driver.findElement(By.id("email")).sendKeys(email);
		driver.findElement(By.id("password")).sendKeys(PASSWORD);
		driver.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
		new WebDriverWait(driver, Duration.ofSeconds(15))
			.until((browser) -> !browser.getCurrentUrl().endsWith("/signin"));
		awaitPage();
	}

	private static String totp(String secret, long step) throws Exception {
		return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
	}

	/**
	 * Opens a console page as a person would: the first visit to a console signs in at
	 * the built-in issuer's form (an operator for {@code /admin}, a tenant's user for
	 * {@code /portal}).
	 */
	private void open(String path) {
		String console = path.startsWith("/admin") ? "admin" : "portal";
		if (this.signedInTo != null && !this.signedInTo.equals(console)) {
			// one sign-in per session: the other console's user signs in afresh
			driver.manage().deleteCookieNamed("SESSION");
		}
		driver.get("http://localhost:" + this.port + path);
		awaitPage();
		if (driver.getCurrentUrl().contains("/signin")) {
			driver.findElement(By.id("email")).sendKeys(console.equals("admin") ? operatorEmail : tenantUserEmail);
			driver.findElement(By.id("password")).sendKeys(PASSWORD);
			driver.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
			new WebDriverWait(driver, Duration.ofSeconds(15))
				.until((browser) -> !browser.getCurrentUrl().contains("/signin"));
			awaitPage();
		}
		this.signedInTo = console;
	}

	private static void awaitPage() {
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until((browser) -> "complete".equals(script("return document.readyState")));
	}

	@BeforeEach
	void createUsersOnce() {
		if (operatorEmail == null) {
			operatorEmail = identity
				.createOperator("browser-ops-" + UUID.randomUUID() + "@example.com", "Olga Operator", PASSWORD,
						Set.of(PlatformRole.PLATFORM_ADMIN))
				.email();
			TenantId tenant = tenants
				.create(new CreateTenant(
						"browser-" + Long.toString(UUID.randomUUID().getLeastSignificantBits() & Long.MAX_VALUE, 36),
						"Browser Tenant", "en", "UTC", "EUR"))
				.id();
			TenantContext.Scope scope = TenantContext.Scope.tenant(tenant, "test");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> TenantContext.call(scope, () -> tenants.find(tenant))
					.orElseThrow()
					.status() == TenantStatus.ACTIVE);
			UserSummary user = identity.createUser("browser-user-" + UUID.randomUUID() + "@example.com", "Tina Tenant",
					PASSWORD);
			TenantContext.call(scope, () -> identity.addMember(tenant, user.id(), TenantRole.ADMIN));
			tenantUserEmail = user.email();
		}
	}

	private static Object script(String script) {
		return ((JavascriptExecutor) driver).executeScript(script);
	}

	private static WebElement waitFor(By locator) {
		return new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	private String message(String key, Locale locale) {
		return this.messages.getMessage(key, null, locale);
	}

	private static List<LogEntry> browserLog() {
		return driver.manage().logs().get(LogType.BROWSER).getAll();
	}

	private static List<String> severe(List<LogEntry> entries) {
		return entries.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	private static void screenshot(String name) throws IOException {
		Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
	}

}
