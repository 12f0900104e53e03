package io.octavia.core.authserver;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.PlatformRole;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consoles sign in with OIDC (authorization code and PKCE) at the built-in issuer,
 * over plain HTTP with a cookie jar: redirect to sign-in, a new session id afterwards,
 * operators in the operator console and tenant users in the portal, CSRF on logout, and a
 * console cookie that is no API credential.
 */
@OctaviaIntegrationTest
class ConsoleSignInIntegrationTests {

	private static final Pattern CSRF_META = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	IdentityManagement identity;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	TransactionTemplate transactions;

	AuthFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new AuthFixtures(port, tenants, identity, clients, secrets, transactions);
	}

	@Test
	void anOperatorSignsInToTheOperatorConsoleWithANewSessionId() {
		UserSummary operator = operator();
		AuthFixtures.Browser browser = fixtures.browser();

		HttpResponse<String> anonymous = browser.get("/admin");
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(location(anonymous)).endsWith("/oauth2/authorization/octavia-admin-console");
		HttpResponse<String> toIssuer = browser.get(location(anonymous));
		assertThat(location(toIssuer)).startsWith(fixtures.base + "/oauth2/authorize")
			.contains("code_challenge=")
			.contains("code_challenge_method=S256")
			.contains("client_id=octavia-admin-console");
		HttpResponse<String> toSignIn = browser.get(location(toIssuer));
		assertThat(location(toSignIn)).endsWith("/signin");
		String before = browser.session();

		HttpResponse<String> page = signInAndFollow(browser, operator.email());
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(page.body()).contains("<html");
		assertThat(browser.session()).isNotNull().isNotEqualTo(before);

		// the operator is no tenant user
		HttpResponse<String> portal = browser.get("/portal");
		assertThat(portal.statusCode()).isEqualTo(403);
		assertThat(portal.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
	}

	@Test
	void aTenantUserSignsInToThePortalButNotTheOperatorConsole() {
		TenantId tenant = fixtures.activeTenant();
		UserSummary user = fixtures.member(tenant, TenantRole.ADMIN);
		AuthFixtures.Browser browser = fixtures.browser();
		browser.get(location(browser.get(location(browser.get("/portal")))));

		HttpResponse<String> page = signInAndFollow(browser, user.email());
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(browser.get("/admin").statusCode()).isEqualTo(403);

		// the console's cookie is no credential for the API
		HttpResponse<String> api = browser.get("/api/v1/machine-clients");
		assertThat(api.statusCode()).isEqualTo(401);
	}

	@Test
	void aSuspendedTenantsPortalShowsAFriendlyPage() {
		TenantId tenant = fixtures.activeTenant();
		UserSummary user = fixtures.member(tenant, TenantRole.VIEWER);
		AuthFixtures.Browser browser = fixtures.browser();
		browser.get(location(browser.get(location(browser.get("/portal")))));
		assertThat(signInAndFollow(browser, user.email()).statusCode()).isEqualTo(200);

		fixtures.asTenant(tenant, () -> tenants.suspend(tenant));
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> browser.get("/portal").statusCode() == 403);
		HttpResponse<String> suspended = browser.get("/portal", "Accept-Language", "de");
		assertThat(suspended.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(suspended.body()).doesNotContain("\"code\"");
	}

	@Test
	void anHtmxRequestWithoutASignInIsToldToReload() {
		HttpResponse<String> response = fixtures.browser()
			.get("/admin/fragments/platform-status", "HX-Request", "true");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("HX-Refresh")).contains("true");
	}

	@Test
	void signingOutNeedsTheCsrfTokenAndEndsTheIssuersSignInToo() {
		UserSummary operator = operator();
		AuthFixtures.Browser browser = fixtures.browser();
		browser.get(location(browser.get(location(browser.get("/admin")))));
		HttpResponse<String> page = signInAndFollow(browser, operator.email());
		assertThat(org.jsoup.Jsoup.parse(page.body()).select("form.signout[method=post][action=/logout] #signout"))
			.as("every console page offers signing out")
			.hasSize(1);

		assertThat(browser.postForm("/logout", Map.of()).statusCode()).isEqualTo(403);
		assertThat(browser.get("/admin").statusCode()).isEqualTo(200);

		HttpResponse<String> signedOut = browser.postForm("/logout", Map.of("_csrf", csrf(page.body())));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		URI endSession = URI.create(location(signedOut));
		assertThat(endSession.toString()).startsWith(fixtures.base + "/connect/logout").contains("id_token_hint=");
		HttpResponse<String> back = browser.get(endSession.toString());
		assertThat(back.statusCode()).isEqualTo(302);
		assertThat(location(back)).isEqualTo(fixtures.base + "/admin");

		// signed out of the console and of the issuer: the way in leads to the sign-in
		// form
		HttpResponse<String> again = browser.get("/admin");
		assertThat(again.statusCode()).isEqualTo(302);
		HttpResponse<String> authorize = browser.get(location(browser.get(location(again))));
		assertThat(location(authorize)).endsWith("/signin");
	}

	private UserSummary operator() {
		return identity.createOperator("ops-" + UUID.randomUUID() + "@example.com", "Olga Operator",
				AuthFixtures.PASSWORD, Set.of(PlatformRole.PLATFORM_ADMIN));
	}

	/** Signs in at the issuer and follows the redirects back into the console. */
	private HttpResponse<String> signInAndFollow(AuthFixtures.Browser browser, String email) {
		HttpResponse<String> response = browser.signIn(email, AuthFixtures.PASSWORD);
		for (int hop = 0; hop < 6 && response.statusCode() == 302; hop++) {
			response = browser.get(location(response));
		}
		return response;
	}

	private static String location(HttpResponse<String> response) {
		return response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode() + " " + response.body()));
	}

	private static String csrf(String html) {
		Matcher matcher = CSRF_META.matcher(html);
		assertThat(matcher.find()).as("a CSRF meta tag").isTrue();
		return matcher.group(1);
	}

}
