package io.octavia.core.authserver;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.PlatformRole;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization server end to end, driven by the Nimbus OAuth2/OIDC SDK against the
 * running application: discovery, authorization code with PKCE through the real sign-in
 * form, refresh with rotation and reuse detection, client credentials, revocation,
 * introspection, key rotation, and API calls with the tokens.
 */
@OctaviaIntegrationTest
class AuthorizationServerIntegrationTests {

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

	@Autowired
	MachineClients machineClients;

	@Autowired
	SigningKeys signingKeys;

	@Autowired
	JdbcTemplate jdbc;

	AuthFixtures fixtures;

	TestHttp http;

	OIDCProviderMetadata provider;

	@BeforeEach
	void discover() throws Exception {
		fixtures = new AuthFixtures(port, tenants, identity, clients, secrets, transactions);
		http = new TestHttp(port);
		provider = OIDCProviderMetadata.resolve(new Issuer(fixtures.base));
	}

	@Test
	void publishesDiscoveryAndOnlyPublicSigningKeys() throws Exception {
		assertThat(provider.getIssuer().getValue()).isEqualTo(fixtures.base);
		assertThat(provider.getTokenEndpointURI()).hasToString(fixtures.base + "/oauth2/token");
		assertThat(provider.getIntrospectionEndpointURI()).isNotNull();
		assertThat(provider.getRevocationEndpointURI()).isNotNull();
		assertThat(provider.getEndSessionEndpointURI()).isNotNull();
		assertThat(provider.getIDTokenJWSAlgs()).containsExactly(JWSAlgorithm.ES256);

		HttpResponse<String> jwks = http.get("/oauth2/jwks");
		assertThat(jwks.statusCode()).isEqualTo(200);
		var keys = com.nimbusds.jose.jwk.JWKSet.parse(jwks.body()).getKeys();
		assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
		assertThat(jwks.body()).doesNotContain("\"d\"");
	}

	@Test
	void authorizationCodeWithPkceThroughTheSignInFormThenRefreshRevokeAndIntrospect() throws Exception {
		TenantId tenant = fixtures.activeTenant();
		UserSummary user = fixtures.member(tenant, TenantRole.ADMIN);
		AuthFixtures.WebClient client = fixtures.webClient();

		Tokens tokens = authorize(client, user.email(), null);
		SignedJWT access = SignedJWT.parse(tokens.getAccessToken().getValue());
		JWTClaimsSet claims = access.getJWTClaimsSet();
		assertThat(access.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(claims.getSubject()).isEqualTo(user.id().toString());
		assertThat(claims.getIssuer()).isEqualTo(fixtures.base);
		assertThat(claims.getAudience()).contains("octavia-api");
		assertThat(claims.getStringClaim("tenant_id")).isEqualTo(tenant.toString());
		assertThat(claims.getStringListClaim("permissions")).contains("clients:manage", "brands:read");
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(600_000);

		// the token works on the API
		HttpResponse<String> api = http.get("/api/v1/machine-clients", "Authorization", "Bearer " + access.serialize());
		assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
		assertThat(api.headers().firstValue("x-tenant-id")).contains(tenant.toString());

		// refresh rotates the refresh token
		Tokens refreshed = refresh(client, tokens.getRefreshToken()).toSuccessResponse().getTokens();
		assertThat(refreshed.getRefreshToken().getValue()).isNotEqualTo(tokens.getRefreshToken().getValue());
		assertThat(introspect(client, refreshed.getAccessToken().getValue()).isActive()).isTrue();

		// revocation (RFC 7009), then introspection (RFC 7662) says inactive
		HTTPResponse revoked = new TokenRevocationRequest(provider.getRevocationEndpointURI(), client.authentication(),
				refreshed.getAccessToken())
			.toHTTPRequest()
			.send();
		assertThat(revoked.getStatusCode()).isEqualTo(200);
		assertThat(introspect(client, refreshed.getAccessToken().getValue()).isActive()).isFalse();
	}

	@Test
	void aRotatedRefreshTokenPresentedAgainRevokesTheWholeFamily() throws Exception {
		TenantId tenant = fixtures.activeTenant();
		UserSummary user = fixtures.member(tenant, TenantRole.VIEWER);
		AuthFixtures.WebClient client = fixtures.webClient();
		Tokens first = authorize(client, user.email(), null);
		Tokens second = refresh(client, first.getRefreshToken()).toSuccessResponse().getTokens();

		TokenResponse replay = refresh(client, first.getRefreshToken());
		assertThat(replay.indicatesSuccess()).isFalse();
		assertThat(((TokenErrorResponse) replay).getErrorObject().getCode()).isEqualTo("invalid_grant");

		// the legitimate holder's current tokens died with it
		assertThat(refresh(client, second.getRefreshToken()).indicatesSuccess()).isFalse();
		assertThat(introspect(client, second.getAccessToken().getValue()).isActive()).isFalse();
	}

	@Test
	void aUserOfSeveralTenantsNamesOneAndAnOperatorActsForNone() throws Exception {
		TenantId first = fixtures.activeTenant();
		TenantId second = fixtures.activeTenant();
		UserSummary user = fixtures.member(first, TenantRole.VIEWER);
		fixtures.asTenant(second, () -> identity.addMember(second, user.id(), TenantRole.DEVELOPER));
		AuthFixtures.WebClient client = fixtures.webClient();

		// without a tenant_id the sign-in asks (SignInFlowIntegrationTests)
		JWTClaimsSet named = claims(authorize(client, user.email(), first));
		assertThat(named.getStringClaim("tenant_id")).isEqualTo(first.toString());
		assertThat(named.getStringListClaim("permissions")).doesNotContain("clients:manage");

		JWTClaimsSet chosen = claims(authorize(client, user.email(), second));
		assertThat(chosen.getStringClaim("tenant_id")).isEqualTo(second.toString());
		assertThat(chosen.getStringListClaim("permissions")).contains("clients:manage");

		UserSummary operator = identity.createOperator("ops-" + java.util.UUID.randomUUID() + "@example.com", "Ops",
				AuthFixtures.PASSWORD, java.util.Set.of(PlatformRole.SUPPORT));
		JWTClaimsSet operatorClaims = claims(authorize(client, operator.email(), null));
		assertThat(operatorClaims.getClaim("tenant_id")).isNull();
		assertThat(operatorClaims.getStringListClaim("permissions")).contains("tenants:read");
	}

	@Test
	void clientCredentialsOfAMachineClientCarryItsTenantAndScopes() throws Exception {
		TenantId tenant = fixtures.activeTenant();
		MachineClients.IssuedSecret issued = machineClients.create(tenant, "Sync",
				java.util.Set.of("clients:manage", "ledger:read"));

		TokenResponse response = fixtures.clientCredentials(provider.getTokenEndpointURI(), issued.client().clientId(),
				issued.clientSecret());
		assertThat(response.indicatesSuccess()).isTrue();
		AccessToken token = response.toSuccessResponse().getTokens().getAccessToken();
		JWTClaimsSet claims = SignedJWT.parse(token.getValue()).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo(issued.client().clientId());
		assertThat(claims.getStringClaim("tenant_id")).isEqualTo(tenant.toString());
		assertThat(claims.getStringListClaim("permissions")).containsExactlyInAnyOrder("clients:manage", "ledger:read");

		HttpResponse<String> api = http.get("/api/v1/machine-clients", "Authorization", "Bearer " + token.getValue());
		assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
		assertThat(api.body()).contains(issued.client().clientId()).doesNotContain(issued.clientSecret());

		// a wrong secret, and a scope it was not given, get nothing
		assertThat(fixtures.clientCredentials(provider.getTokenEndpointURI(), issued.client().clientId(), "wrong")
			.indicatesSuccess()).isFalse();
		assertThat(fixtures
			.clientCredentials(provider.getTokenEndpointURI(), issued.client().clientId(), issued.clientSecret(),
					"tenants:write")
			.indicatesSuccess()).isFalse();

		// the secret is stored as a peppered HMAC, never as itself
		String stored = jdbc.queryForObject("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?",
				String.class, issued.client().clientId());
		assertThat(stored).startsWith("hmac-sha256:").doesNotContain(issued.clientSecret());
		assertThat(jdbc.queryForObject("SELECT owner_tenant_id FROM oauth2_registered_client WHERE client_id = ?",
				java.util.UUID.class, issued.client().clientId()))
			.isEqualTo(tenant.value());
	}

	@Test
	void aSuspendedTenantsClientsGetNoTokens() throws Exception {
		TenantId tenant = fixtures.activeTenant();
		MachineClients.IssuedSecret issued = machineClients.create(tenant, "Sync", java.util.Set.of("ledger:read"));
		fixtures.asTenant(tenant, () -> tenants.suspend(tenant));

		TokenResponse response = fixtures.clientCredentials(provider.getTokenEndpointURI(), issued.client().clientId(),
				issued.clientSecret());
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> !fixtures
				.clientCredentials(provider.getTokenEndpointURI(), issued.client().clientId(), issued.clientSecret())
				.indicatesSuccess());
		assertThat(response).isNotNull();
	}

	@Test
	void keyRotationKeepsOldTokensValidAndSignsNewOnesWithTheNewKey() throws Exception {
		TenantId tenant = fixtures.activeTenant();
		MachineClients.IssuedSecret issued = machineClients.create(tenant, "Rotation",
				java.util.Set.of("clients:manage"));
		String before = machineToken(issued);
		signingKeys.rotate();
		String after = machineToken(issued);

		String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
		String newKid = SignedJWT.parse(after).getHeader().getKeyID();
		assertThat(newKid).isNotEqualTo(oldKid);
		String jwks = http.get("/oauth2/jwks").body();
		assertThat(jwks).contains(oldKid, newKid);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM authserver_signing_key WHERE status = 'active'",
				Integer.class))
			.isEqualTo(1);
		assertThat(jdbc.queryForObject("SELECT private_jwk_sealed FROM authserver_signing_key WHERE kid = ?",
				String.class, newKid))
			.startsWith("v1.")
			.doesNotContain("\"d\"");

		for (String token : List.of(before, after)) {
			HttpResponse<String> api = http.get("/api/v1/machine-clients", "Authorization", "Bearer " + token);
			assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
		}
	}

	@Test
	void theSignInFormShowsProblemsLocalizedAndKeepsTheAddress() {
		AuthFixtures.Browser browser = fixtures.browser();
		HttpResponse<String> page = browser.get("/signin", "Accept-Language", "de");
		HttpResponse<String> failed = browser.postForm("/signin", Map.of("email", "nobody@example.com", "password",
				"wrong password!", "_csrf", AuthFixtures.csrf(page.body())), "Accept-Language", "de");
		assertThat(failed.statusCode()).isEqualTo(401);
		assertThat(failed.body()).contains("E-Mail-Adresse oder Passwort ist nicht korrekt")
			.contains("value=\"nobody@example.com\"");
	}

	@Test
	void signingInWithoutACsrfTokenIsForbiddenAndSigningInChangesTheSessionId() throws Exception {
		TenantId tenant = fixtures.activeTenant();
		UserSummary user = fixtures.member(tenant, TenantRole.VIEWER);
		AuthFixtures.Browser browser = fixtures.browser();
		browser.get("/signin");
		HttpResponse<String> forged = browser.postForm("/signin",
				Map.of("email", user.email(), "password", AuthFixtures.PASSWORD));
		assertThat(forged.statusCode()).isEqualTo(403);

		String before = browser.session();
		assertThat(before).isNotNull();
		HttpResponse<String> signedIn = browser.signIn(user.email(), AuthFixtures.PASSWORD);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(browser.session()).isNotNull().isNotEqualTo(before);
	}

	@Test
	void aThirdPartyClientAsksForConsentWhichThePersonMayGiveOrDeny() throws Exception {
		TenantId tenant = fixtures.activeTenant();
		UserSummary user = fixtures.member(tenant, TenantRole.VIEWER);
		AuthFixtures.WebClient client = fixtures.webClient(true);
		AuthFixtures.Browser browser = fixtures.browser();

		HttpResponse<String> consent = consentPage(browser, client, user.email(), true);
		assertThat(consent.statusCode()).isEqualTo(200);
		assertThat(consent.body()).contains("Test Web App").contains("value=\"profile\"");
		String state = hidden(consent.body(), "state");
		HttpResponse<String> allowed = browser.postForm("/oauth2/authorize",
				Map.of("client_id", client.clientId(), "state", state, "scope", "profile"));
		assertThat(allowed.statusCode()).isEqualTo(302);
		assertThat(allowed.headers().firstValue("Location").orElseThrow()).startsWith(client.redirectUri().toString())
			.contains("code=");

		HttpResponse<String> again = consentPage(browser, client, user.email(), false);
		// consent given once is remembered: straight back to the client
		assertThat(again.statusCode()).isEqualTo(302);
		assertThat(again.headers().firstValue("Location").orElseThrow()).contains("code=");

		AuthFixtures.WebClient other = fixtures.webClient(true);
		AuthFixtures.Browser second = fixtures.browser();
		HttpResponse<String> asked = consentPage(second, other, user.email(), true);
		HttpResponse<String> denied = second.postForm("/oauth2/authorize",
				Map.of("client_id", other.clientId(), "state", hidden(asked.body(), "state")));
		assertThat(denied.headers().firstValue("Location").orElseThrow()).startsWith(other.redirectUri().toString())
			.contains("error=access_denied");
	}

	/**
	 * An authorization request, signing in first when asked to; answers the next page.
	 */
	private HttpResponse<String> consentPage(AuthFixtures.Browser browser, AuthFixtures.WebClient client, String email,
			boolean signIn) {
		URI request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
				new ClientID(client.clientId()))
			.redirectionURI(client.redirectUri())
			.scope(new Scope("openid", "profile"))
			.state(new State())
			.codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
			.endpointURI(provider.getAuthorizationEndpointURI())
			.build()
			.toURI();
		HttpResponse<String> response = browser.get(request.toString());
		if (signIn) {
			assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
			response = browser
				.get(browser.signIn(email, AuthFixtures.PASSWORD).headers().firstValue("Location").orElseThrow());
		}
		if (response.statusCode() == 302
				&& response.headers().firstValue("Location").orElseThrow().contains("/signin/consent")) {
			response = browser.get(response.headers().firstValue("Location").orElseThrow());
		}
		return response;
	}

	private static String hidden(String html, String name) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"")
			.matcher(html);
		assertThat(matcher.find()).as(name + " in " + html).isTrue();
		return org.springframework.web.util.HtmlUtils.htmlUnescape(matcher.group(1));
	}

	@Test
	void withoutPkceAnAuthorizationRequestIsRefused() {
		AuthFixtures.WebClient client = fixtures.webClient();
		URI request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
				new ClientID(client.clientId()))
			.redirectionURI(client.redirectUri())
			.scope(new Scope("openid"))
			.state(new State())
			.endpointURI(provider.getAuthorizationEndpointURI())
			.build()
			.toURI();
		HttpResponse<String> response = fixtures.browser().get(request.toString());
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).contains("error=invalid_request");
	}

	private String machineToken(MachineClients.IssuedSecret issued) throws Exception {
		return fixtures
			.clientCredentials(provider.getTokenEndpointURI(), issued.client().clientId(), issued.clientSecret())
			.toSuccessResponse()
			.getTokens()
			.getAccessToken()
			.getValue();
	}

	private Tokens authorize(AuthFixtures.WebClient client, String email, TenantId tenant) throws Exception {
		CodeVerifier verifier = new CodeVerifier();
		AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(
				new ResponseType(ResponseType.Value.CODE), new ClientID(client.clientId()))
			.redirectionURI(client.redirectUri())
			.scope(new Scope("openid", "profile"))
			.state(new State())
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.endpointURI(provider.getAuthorizationEndpointURI());
		if (tenant != null) {
			request.customParameter("tenant_id", tenant.toString());
		}
		var code = fixtures.browser().authorize(request.build().toURI(), client.redirectUri(), email);
		TokenRequest tokenRequest = new TokenRequest(provider.getTokenEndpointURI(), client.authentication(),
				new AuthorizationCodeGrant(code, client.redirectUri(), verifier));
		TokenResponse response = OIDCTokenResponseParser.parse(tokenRequest.toHTTPRequest().send());
		assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString())
			.isTrue();
		OIDCTokenResponse success = (OIDCTokenResponse) response.toSuccessResponse();
		assertThat(success.getOIDCTokens().getIDToken()).isNotNull();
		assertThat(success.getTokens().getRefreshToken()).isNotNull();
		return success.getTokens();
	}

	private TokenResponse refresh(AuthFixtures.WebClient client, RefreshToken refreshToken) throws Exception {
		return TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), client.authentication(),
				new RefreshTokenGrant(refreshToken))
			.toHTTPRequest()
			.send());
	}

	private TokenIntrospectionSuccessResponse introspect(AuthFixtures.WebClient client, String token) throws Exception {
		TokenIntrospectionResponse response = TokenIntrospectionResponse
			.parse(new TokenIntrospectionRequest(provider.getIntrospectionEndpointURI(), client.authentication(),
					new com.nimbusds.oauth2.sdk.token.BearerAccessToken(token))
				.toHTTPRequest()
				.send());
		return response.toSuccessResponse();
	}

	private static JWTClaimsSet claims(Tokens tokens) throws Exception {
		return SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet();
	}

}
