package io.octavia.core.authserver;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.CreateBrand;
import io.octavia.core.identity.IdentityManagement;
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
 * The sign-in flow's steps beyond the password, through the real pages: a second factor
 * enrolled when a tenant requires one, the choice of a tenant, the brand of the host name
 * the request came to, the userinfo endpoint, and access tokens that die with their
 * authorization when a refresh token is reused.
 */
@OctaviaIntegrationTest
class SignInFlowIntegrationTests {

	private static final Pattern SECRET = Pattern.compile("id=\"enrol-secret\">([A-Z2-7]+)<");

	private static final Pattern OTPAUTH_URI = Pattern.compile("name=\"otpauthUri\" value=\"([^\"]+)\"");

	private static final Pattern CONTINUE = Pattern.compile("id=\"signin-continue\"[^>]*href=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	IdentityManagement identity;

	@Autowired
	BrandManagement brands;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	RevokedAuthorizations revokedAuthorizations;

	AuthFixtures fixtures;

	TestHttp http;

	OIDCProviderMetadata provider;

	@BeforeEach
	void setUp() throws Exception {
		fixtures = new AuthFixtures(port, tenants, identity, clients, secrets, transactions);
		http = new TestHttp(port);
		provider = OIDCProviderMetadata.resolve(new Issuer(fixtures.base));
	}

	@Test
	void aMemberOfATenantThatRequiresTwoFactorsEnrolsDuringSignInThenGetsATokenAndOwesACodeNextTime() throws Exception {
		TenantId tenant = fixtures.activeTenant();
		fixtures.asTenant(tenant, () -> {
			identity.requireMfa(tenant, true);
			return null;
		});
		UserSummary user = fixtures.member(tenant, TenantRole.DEVELOPER);
		AuthFixtures.WebClient client = fixtures.webClient();
		CodeVerifier verifier = new CodeVerifier();
		AuthFixtures.Browser browser = fixtures.browser();
		URI authorizationRequest = authorizationRequest(client, verifier, null);
		assertThat(location(browser.get(authorizationRequest.toString()))).endsWith("/signin");

		HttpResponse<String> signedIn = browser.signIn(user.email(), AuthFixtures.PASSWORD);
		assertThat(location(signedIn)).endsWith("/signin/enrol");
		// not signed in yet: the authorization request still asks for a sign-in
		assertThat(location(browser.get(authorizationRequest.toString()))).endsWith("/signin");

		HttpResponse<String> page = browser.get("/signin/enrol", "Accept-Language", "de");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Zweistufige Verifizierung einrichten")
			.contains("id=\"enrol-qr-code\"")
			.contains("data:image/svg+xml;base64,");
		String secret = group(SECRET, page.body());
		String otpauthUri = group(OTPAUTH_URI, page.body()).replace("&amp;", "&");
		assertThat(otpauthUri).startsWith("otpauth://totp/").contains("secret=" + secret);

		HttpResponse<String> wrong = browser.postForm("/signin/enrol", Map.of("code", "000000", "secret", secret,
				"otpauthUri", otpauthUri, "_csrf", AuthFixtures.csrf(page.body())));
		assertThat(wrong.statusCode()).isBetween(400, 499);
		assertThat(wrong.body()).contains("id=\"signin-problem\"").contains(secret);

		HttpResponse<String> enrolled = browser.postForm("/signin/enrol", Map.of("code", totp(secret), "secret", secret,
				"otpauthUri", otpauthUri, "_csrf", AuthFixtures.csrf(page.body())));
		assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
		assertThat(enrolled.body().split("<li><code>", -1)).hasSize(11);
		String next = group(CONTINUE, enrolled.body()).replace("&amp;", "&");

		Tokens tokens = exchange(client, verifier, callback(browser.get(next), client));
		JWTClaimsSet claims = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo(user.id().toString());
		assertThat(claims.getStringClaim("tenant_id")).isEqualTo(tenant.toString());

		// the enrolment holds: the next sign-in asks for a code, not for an enrolment
		HttpResponse<String> again = fixtures.browser().signIn(user.email(), AuthFixtures.PASSWORD);
		assertThat(location(again)).endsWith("/signin/second-factor");
		// and the enrolment page is no way around the password
		assertThat(location(fixtures.browser().get("/signin/enrol"))).endsWith("/signin");
	}

	@Test
	void aUserOfSeveralTenantsPicksOneWhoseIdTheTokenCarriesButNotATenantOfSomeoneElse() throws Exception {
		TenantId first = fixtures.activeTenant();
		TenantId second = fixtures.activeTenant();
		TenantId foreign = fixtures.activeTenant();
		UserSummary user = fixtures.member(first, TenantRole.VIEWER);
		fixtures.asTenant(second, () -> identity.addMember(second, user.id(), TenantRole.DEVELOPER));
		// a suspended and a closed tenant of the user are not offered
		TenantId suspended = fixtures.activeTenant();
		TenantId closed = fixtures.activeTenant();
		fixtures.asTenant(suspended, () -> identity.addMember(suspended, user.id(), TenantRole.OWNER));
		fixtures.asTenant(closed, () -> identity.addMember(closed, user.id(), TenantRole.OWNER));
		fixtures.asTenant(suspended, () -> tenants.suspend(suspended));
		fixtures.asTenant(closed, () -> tenants.close(closed));
		AuthFixtures.WebClient client = fixtures.webClient();
		CodeVerifier verifier = new CodeVerifier();
		AuthFixtures.Browser browser = fixtures.browser();
		browser.get(authorizationRequest(client, verifier, null).toString());
		String authorizationRequest = location(browser.signIn(user.email(), AuthFixtures.PASSWORD));
		assertThat(location(browser.get(authorizationRequest))).endsWith("/signin/tenant");

		HttpResponse<String> page = browser.get("/signin/tenant", "Accept-Language", "fr");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Choisir une organisation")
			.contains(first.toString())
			.contains(second.toString())
			.doesNotContain(foreign.toString())
			.doesNotContain(suspended.toString())
			.doesNotContain(closed.toString());

		for (TenantId crafted : List.of(foreign, suspended, closed)) {
			HttpResponse<String> refused = browser.postForm("/signin/tenant",
					Map.of("tenant_id", crafted.toString(), "_csrf", AuthFixtures.csrf(page.body())));
			assertThat(refused.statusCode()).as("tenant %s", crafted).isEqualTo(400);
			assertThat(refused.body()).contains("id=\"signin-problem\"").doesNotContain(crafted.toString());
		}

		HttpResponse<String> chosen = browser.postForm("/signin/tenant",
				Map.of("tenant_id", second.toString(), "_csrf", AuthFixtures.csrf(page.body())));
		assertThat(location(chosen)).contains("tenant_id=" + second);
		Tokens tokens = exchange(client, verifier, callback(browser.get(location(chosen)), client));
		JWTClaimsSet claims = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet();
		assertThat(claims.getStringClaim("tenant_id")).isEqualTo(second.toString());
		assertThat(claims.getStringListClaim("permissions")).contains("clients:manage");

		// signed in already: the next request that names no tenant is asked again,
		// without a
		// password; one that may show no page acts in the oldest membership
		CodeVerifier again = new CodeVerifier();
		assertThat(location(browser.get(authorizationRequest(client, again, null).toString())))
			.endsWith("/signin/tenant");
		URI silent = URI.create(authorizationRequest(client, again, null) + "&prompt=none");
		Tokens silentTokens = exchange(client, again, callback(browser.get(silent.toString()), client));
		assertThat(
				SignedJWT.parse(silentTokens.getAccessToken().getValue()).getJWTClaimsSet().getStringClaim("tenant_id"))
			.isEqualTo(first.toString());
	}

	@Test
	void aRequestToABrandsHostNameBindsTheTokensToThatBrandButNotToAnotherTenantsBrand() throws Exception {
		TenantId tenant = fixtures.activeTenant();
		TenantId other = fixtures.activeTenant();
		String hostname = "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
		String otherHostname = "other-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
		BrandDetails brand = fixtures.asTenant(tenant,
				() -> brands.create(new CreateBrand(tenant, "shop", "Shop", List.of(hostname), null)));
		fixtures.asTenant(other,
				() -> brands.create(new CreateBrand(other, "other", "Other", List.of(otherHostname), null)));
		UserSummary user = fixtures.member(tenant, TenantRole.ADMIN);
		AuthFixtures.WebClient client = fixtures.webClient();

		Tokens onBrand = authorizeOnHost(client, user, hostname);
		JWTClaimsSet access = SignedJWT.parse(onBrand.getAccessToken().getValue()).getJWTClaimsSet();
		assertThat(access.getStringClaim("brand_id")).isEqualTo(brand.id().toString());
		JWTClaimsSet id = ((com.nimbusds.openid.connect.sdk.token.OIDCTokens) onBrand).getIDToken().getJWTClaimsSet();
		assertThat(id.getStringClaim("brand_id")).isEqualTo(brand.id().toString());
		HttpResponse<String> api = http.get("/api/v1/machine-clients", "Authorization",
				"Bearer " + onBrand.getAccessToken().getValue());
		assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
		assertThat(api.headers().firstValue("x-brand-id")).contains(brand.id().toString());

		Tokens onForeignBrand = authorizeOnHost(client, user, otherHostname);
		assertThat(SignedJWT.parse(onForeignBrand.getAccessToken().getValue()).getJWTClaimsSet().getClaim("brand_id"))
			.isNull();
	}

	@Test
	void userinfoTellsWhoHoldsTheAccessTokenAndInWhichTenant() throws Exception {
		TenantId tenant = fixtures.activeTenant();
		UserSummary user = fixtures.member(tenant, TenantRole.VIEWER);
		AuthFixtures.WebClient client = fixtures.webClient();
		Tokens tokens = authorize(client, user);

		HttpResponse<String> userinfo = http.get("/userinfo", "Authorization",
				"Bearer " + tokens.getAccessToken().getValue());
		assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(200);
		var claims = ApiTestSupport.json(userinfo);
		assertThat(claims.get("sub").asString()).isEqualTo(user.id().toString());
		assertThat(claims.get("email").asString()).isEqualTo(user.email());
		assertThat(claims.get("name").asString()).isEqualTo("Test User");
		assertThat(claims.get("locale").asString()).isNotBlank();
		assertThat(claims.get("tenant_id").asString()).isEqualTo(tenant.toString());

		HttpResponse<String> anonymous = http.get("/userinfo");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
		assertThat(http.get("/userinfo", "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);
	}

	@Test
	void aReusedRefreshTokenAlsoStopsTheAccessTokensAlreadyIssuedAtTheGateway() throws Exception {
		TenantId tenant = fixtures.activeTenant();
		UserSummary user = fixtures.member(tenant, TenantRole.ADMIN);
		AuthFixtures.WebClient client = fixtures.webClient();
		Tokens first = authorize(client, user);
		String firstAccess = first.getAccessToken().getValue();
		assertThat(api(firstAccess).statusCode()).isEqualTo(200);
		Tokens second = refresh(client, first).toSuccessResponse().getTokens();
		String secondAccess = second.getAccessToken().getValue();
		assertThat(api(secondAccess).statusCode()).isEqualTo(200);
		// another user's tokens are not concerned
		Tokens bystander = authorize(client, fixtures.member(tenant, TenantRole.ADMIN));

		assertThat(refresh(client, first).indicatesSuccess()).isFalse();

		for (String revoked : List.of(firstAccess, secondAccess)) {
			HttpResponse<String> refused = api(revoked);
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate"))
				.hasValue("Bearer error=\"invalid_token\", error_description=\"The access token was revoked\"");
		}
		assertThat(api(bystander.getAccessToken().getValue()).statusCode()).isEqualTo(200);

		// the price every request pays: one lookup in an in-memory set
		String authorization = SignedJWT.parse(bystander.getAccessToken().getValue())
			.getJWTClaimsSet()
			.getStringClaim(RevokedAuthorizations.CLAIM);
		assertThat(authorization).isNotBlank();
		int lookups = 1_000_000;
		long start = System.nanoTime();
		int revokedCount = 0;
		for (int i = 0; i < lookups; i++) {
			revokedCount += revokedAuthorizations.isRevoked(authorization) ? 1 : 0;
		}
		long nanosPerLookup = (System.nanoTime() - start) / lookups;
		System.out.println("revocation check: " + nanosPerLookup + " ns per request");
		assertThat(revokedCount).isZero();
		assertThat(nanosPerLookup).isLessThan(2_000);
	}

	private HttpResponse<String> api(String accessToken) {
		return http.get("/api/v1/machine-clients", "Authorization", "Bearer " + accessToken);
	}

	private Tokens authorize(AuthFixtures.WebClient client, UserSummary user) throws Exception {
		CodeVerifier verifier = new CodeVerifier();
		AuthorizationCode code = fixtures.browser()
			.authorize(authorizationRequest(client, verifier, null), client.redirectUri(), user.email());
		return exchange(client, verifier, code);
	}

	/**
	 * The authorization request as a browser sends it to a brand's host name (through a
	 * proxy that reports it in {@code X-Forwarded-Host}); the test reaches the server on
	 * localhost.
	 */
	private Tokens authorizeOnHost(AuthFixtures.WebClient client, UserSummary user, String hostname) throws Exception {
		CodeVerifier verifier = new CodeVerifier();
		AuthFixtures.Browser browser = fixtures.browser();
		URI request = authorizationRequest(client, verifier, null);
		browser.get(request.toString(), "X-Forwarded-Host", hostname);
		String saved = location(browser.signIn(user.email(), AuthFixtures.PASSWORD));
		URI savedRequest = URI.create(saved);
		assertThat(savedRequest.getHost()).isEqualTo(hostname);
		HttpResponse<String> authorized = browser.get(
				fixtures.base + savedRequest.getRawPath() + "?" + savedRequest.getRawQuery(), "X-Forwarded-Host",
				hostname);
		return exchange(client, verifier, callback(authorized, client));
	}

	private URI authorizationRequest(AuthFixtures.WebClient client, CodeVerifier verifier, TenantId tenant) {
		AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(
				new ResponseType(ResponseType.Value.CODE), new ClientID(client.clientId()))
			.redirectionURI(client.redirectUri())
			.scope(new Scope("openid", "profile", "email"))
			.state(new State())
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.endpointURI(provider.getAuthorizationEndpointURI());
		if (tenant != null) {
			request.customParameter("tenant_id", tenant.toString());
		}
		return request.build().toURI();
	}

	private static AuthorizationCode callback(HttpResponse<String> authorized, AuthFixtures.WebClient client)
			throws Exception {
		assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
		URI callback = URI.create(location(authorized));
		assertThat(callback.toString()).startsWith(client.redirectUri().toString());
		AuthorizationResponse parsed = AuthorizationResponse.parse(callback);
		assertThat(parsed.indicatesSuccess()).as(callback.toString()).isTrue();
		return ((AuthorizationSuccessResponse) parsed).getAuthorizationCode();
	}

	private Tokens exchange(AuthFixtures.WebClient client, CodeVerifier verifier, AuthorizationCode code)
			throws Exception {
		TokenRequest tokenRequest = new TokenRequest(provider.getTokenEndpointURI(), client.authentication(),
				new AuthorizationCodeGrant(code, client.redirectUri(), verifier));
		TokenResponse response = OIDCTokenResponseParser.parse(tokenRequest.toHTTPRequest().send());
		assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString())
			.isTrue();
		return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
	}

	private TokenResponse refresh(AuthFixtures.WebClient client, Tokens tokens) throws Exception {
		return TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), client.authentication(),
				new RefreshTokenGrant(tokens.getRefreshToken()))
			.toHTTPRequest()
			.send());
	}

	private static String location(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static String group(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		assertThat(matcher.find()).as(pattern + " in " + html).isTrue();
		return matcher.group(1);
	}

	private static String totp(String secret) throws Exception {
		return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, Instant.now().getEpochSecond() / 30);
	}

}
