package io.octavia.core.authserver;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;

import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tenants, users and clients for the authorization server's tests, and a browser made of
 * {@code java.net.http} and a cookie jar that signs in through the real form.
 */
final class AuthFixtures {

	static final String PASSWORD = "correct horse battery staple";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	final String base;

	private final TenantManagement tenants;

	private final IdentityManagement identity;

	private final RegisteredClientRepository clients;

	private final ClientSecrets secrets;

	private final TransactionTemplate transactions;

	AuthFixtures(int port, TenantManagement tenants, IdentityManagement identity, RegisteredClientRepository clients,
			ClientSecrets secrets, TransactionTemplate transactions) {
		this.base = "http://localhost:" + port;
		this.tenants = tenants;
		this.identity = identity;
		this.clients = clients;
		this.secrets = secrets;
		this.transactions = transactions;
	}

	TenantId activeTenant() {
		TenantId id = tenants
			.create(new CreateTenant(
					"auth-" + Long.toString(Ids.newId().getLeastSignificantBits() & Long.MAX_VALUE, 36), "Auth Tenant",
					"en", "UTC", "EUR"))
			.id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> asTenant(id, () -> tenants.find(id)).orElseThrow().status() == TenantStatus.ACTIVE);
		return id;
	}

	UserSummary member(TenantId tenant, TenantRole role) {
		UserSummary user = identity.createUser("user-" + UUID.randomUUID() + "@example.com", "Test User", PASSWORD);
		asTenant(tenant, () -> identity.addMember(tenant, user.id(), role));
		return user;
	}

	<T> T asTenant(TenantId tenant, java.util.function.Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> transactions.execute(status -> work.get()));
	}

	/** A confidential web client with authorization code, PKCE and refresh tokens. */
	record WebClient(String clientId, String secret, URI redirectUri) {

		ClientSecretBasic authentication() {
			return new ClientSecretBasic(new ClientID(clientId), new Secret(secret));
		}

	}

	WebClient webClient() {
		return webClient(false);
	}

	WebClient webClient(boolean consent) {
		String secret = secrets.generate();
		URI redirect = URI.create(base + "/test/callback");
		RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId("web-" + UUID.randomUUID())
			.clientSecret(secrets.encode(secret))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri(redirect.toString())
			.postLogoutRedirectUri(base + "/test/signed-out")
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.scope(OidcScopes.EMAIL)
			.clientName("Test Web App")
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(consent).build())
			.tokenSettings(TokenSettings.builder()
				.reuseRefreshTokens(false)
				.accessTokenTimeToLive(Duration.ofMinutes(10))
				.build())
			.build();
		clients.save(client);
		return new WebClient(client.getClientId(), secret, redirect);
	}

	/** Client-credentials token request of a machine client. */
	TokenResponse clientCredentials(URI tokenEndpoint, String clientId, String secret, String... scopes)
			throws Exception {
		TokenRequest request = new TokenRequest(tokenEndpoint,
				new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), new ClientCredentialsGrant(),
				scopes.length > 0 ? new Scope(scopes) : null);
		return TokenResponse.parse(request.toHTTPRequest().send());
	}

	/** A person with a browser: cookies kept, redirects looked at one by one. */
	final class Browser {

		final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

		final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		HttpResponse<String> get(String url, String... headers) {
			HttpRequest.Builder request = HttpRequest.newBuilder(absolute(url)).header("Accept", "text/html").GET();
			if (headers.length > 0) {
				request.headers(headers);
			}
			return send(request);
		}

		HttpResponse<String> postForm(String url, Map<String, String> form, String... headers) {
			String body = form.entrySet()
				.stream()
				.map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
				.collect(Collectors.joining("&"));
			HttpRequest.Builder request = HttpRequest.newBuilder(absolute(url))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (headers.length > 0) {
				request.headers(headers);
			}
			return send(request);
		}

		String session() {
			return cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter(cookie -> cookie.getName().equals("SESSION"))
				.map(HttpCookie::getValue)
				.findFirst()
				.orElse(null);
		}

		/**
		 * Follows an authorization request through the sign-in form.
		 * @return the authorization code the issuer redirects back with
		 */
		AuthorizationCode authorize(URI authorizationRequest, URI redirectUri, String email) throws Exception {
			HttpResponse<String> response = get(authorizationRequest.toString());
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
			HttpResponse<String> signedIn = signIn(email, PASSWORD);
			assertThat(signedIn.statusCode()).isEqualTo(302);
			String next = signedIn.headers().firstValue("Location").orElseThrow();
			HttpResponse<String> authorized = get(next);
			assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
			URI callback = URI.create(authorized.headers().firstValue("Location").orElseThrow());
			assertThat(callback.toString()).startsWith(redirectUri.toString());
			AuthorizationResponse parsed = AuthorizationResponse.parse(callback);
			assertThat(parsed.indicatesSuccess()).as(callback.toString()).isTrue();
			return ((AuthorizationSuccessResponse) parsed).getAuthorizationCode();
		}

		HttpResponse<String> signIn(String email, String password) {
			HttpResponse<String> page = get("/signin");
			assertThat(page.statusCode()).isEqualTo(200);
			return postForm("/signin", Map.of("email", email, "password", password, "_csrf", csrf(page.body())));
		}

		private URI absolute(String url) {
			return URI.create(url.startsWith("http") ? url : base + url);
		}

		private HttpResponse<String> send(HttpRequest.Builder request) {
			try {
				return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	Browser browser() {
		return new Browser();
	}

	static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("a CSRF field in " + html).isTrue();
		return matcher.group(1);
	}

	static Set<String> set(String... values) {
		return Set.of(values);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
