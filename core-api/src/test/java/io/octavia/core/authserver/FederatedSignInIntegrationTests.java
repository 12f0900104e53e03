package io.octavia.core.authserver;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.identity.ConfigureIdentityProvider;
import io.octavia.core.identity.EmailDomain;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.IdentityProviderManagement;
import io.octavia.core.identity.Membership;
import io.octavia.core.identity.TestDnsServer;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through a tenant's external OpenID Connect provider, end to end against the
 * real servers. The "external" provider is this platform's own issuer, reached as
 * {@code http://localhost:<port>} with a confirmation client registered on it; the
 * platform itself is reached as {@code http://127.0.0.1:<port>}, so the browser keeps two
 * separate sessions as it would with two sites. Tenant B proved its domain through the
 * test DNS server.
 */
@OctaviaIntegrationTest
class FederatedSignInIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	IdentityManagement identity;

	@Autowired
	IdentityProviderManagement providers;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	AuthFixtures fixtures;

	String platform;

	TenantId a;

	TenantId b;

	String domain;

	@BeforeEach
	void tenantBFederatesToTheExternalIssuer() {
		fixtures = new AuthFixtures(port, tenants, identity, clients, secrets, transactions);
		platform = "http://127.0.0.1:" + port;
		a = fixtures.activeTenant();
		b = fixtures.activeTenant();
		domain = "fed-" + UUID.randomUUID().toString().substring(24) + ".example.com";

		String secret = secrets.generate();
		RegisteredClient confirmation = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId("federation-" + UUID.randomUUID())
			.clientSecret(secrets.encode(secret))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(platform + "/signin/federation/callback")
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.scope(OidcScopes.EMAIL)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.build();
		clients.save(confirmation);
		TenantContext.run(TenantContext.Scope.tenant(b, "test"),
				() -> providers.configure(b, new ConfigureIdentityProvider("Example SSO", fixtures.base,
						confirmation.getClientId(), secret, List.of(domain), "developer", true)));
		TenantContext.run(TenantContext.Scope.tenant(b, "test"), () -> {
			EmailDomain pending = providers.domains(b).getFirst();
			TestDnsServer.publish(pending.recordName(), pending.recordValue());
			providers.verifyDomain(b, domain);
		});
	}

	@Test
	void whenTenantBRequiresTwoFactorsAProviderThatReportsNoneIsFollowedByOurOwnStep() throws Exception {
		fixtures.asTenant(b, () -> {
			identity.requireMfa(b, true);
			return null;
		});
		// no second factor anywhere yet: the federated sign-in continues into the
		// enrolment
		UserSummary user = externalUser("mfa-" + UUID.randomUUID() + "@" + domain, true);
		AuthFixtures.Browser browser = fixtures.browser();
		HttpResponse<String> enrol = throughTheExternalIssuer(browser, URI.create(platform + "/signin/federation/" + b),
				user.email());
		assertThat(next(URI.create(platform), enrol).getPath()).isEqualTo("/signin/enrol");
		assertThat(identity.membershipsOf(user.id())).extracting(Membership::tenantId).contains(b);
		// not signed in before the second factor: an authorization request still asks for
		// a sign-in
		AuthFixtures.WebClient app = fixtures.webClient();
		URI early = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
				new ClientID(app.clientId()))
			.redirectionURI(app.redirectUri())
			.scope(new Scope("openid"))
			.state(new State())
			.codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
			.endpointURI(URI.create(platform + "/oauth2/authorize"))
			.build()
			.toURI();
		assertThat(next(early, browser.get(early.toString())).getPath()).isEqualTo("/signin");
		HttpResponse<String> page = browser.get(platform + "/signin/enrol");
		assertThat(page.statusCode()).isEqualTo(200);
		String secret = Jsoup.parse(page.body()).select("#enrol-secret").text();
		String otpauthUri = Jsoup.parse(page.body()).select("input[name=otpauthUri]").attr("value");
		HttpResponse<String> enrolled = browser.postForm(platform + "/signin/enrol", Map.of("code", totp(secret),
				"secret", secret, "otpauthUri", otpauthUri, "_csrf", AuthFixtures.csrf(page.body())));
		assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
		// the session that follows the enrolment is still confined to tenant B
		assertThat(tokens(browser, app, a).indicatesSuccess()).as("tenant A through B's provider").isFalse();
		assertThat(idToken(tokens(browser, app, null)).getStringClaim("tenant_id")).isEqualTo(b.toString());

		// signed in at the provider before it had a second factor: the provider reports a
		// password only, so our own code is asked for
		UserSummary enrolledLater = externalUser("later-" + UUID.randomUUID() + "@" + domain, true);
		AuthFixtures.Browser second = fixtures.browser();
		HttpResponse<String> form = second.get(fixtures.base + "/signin");
		assertThat(second
			.postForm(fixtures.base + "/signin", Map.of("email", enrolledLater.email(), "password",
					AuthFixtures.PASSWORD, "_csrf", AuthFixtures.csrf(form.body())))
			.statusCode()).isEqualTo(302);
		String laterSecret = identity.startTotpEnrolment(enrolledLater.id()).secret();
		List<String> recoveryCodes = identity.confirmTotpEnrolment(enrolledLater.id(), totp(laterSecret));
		URI external = next(URI.create(platform + "/signin/federation/" + b),
				second.get(platform + "/signin/federation/" + b));
		URI callback = next(external, second.get(external.toString()));
		assertThat(callback.toString()).startsWith(platform + "/signin/federation/callback?");
		HttpResponse<String> owed = second.get(callback.toString());
		assertThat(next(callback, owed).getPath()).isEqualTo("/signin/second-factor");
		HttpResponse<String> codePage = second.get(platform + "/signin/second-factor");
		HttpResponse<String> verified = second.postForm(platform + "/signin/second-factor",
				Map.of("code", recoveryCodes.getFirst(), "_csrf", AuthFixtures.csrf(codePage.body())));
		assertThat(verified.statusCode()).as(verified.body()).isEqualTo(302);
		assertThat(idToken(tokens(second, app, null)).getStringClaim("tenant_id")).isEqualTo(b.toString());
		assertThat(idToken(tokens(second, app, null)).getStringListClaim("amr")).contains("otp", "mfa");
	}

	@Test
	void whenTenantBRequiresTwoFactorsAProviderThatReportsOneIsEnough() throws Exception {
		fixtures.asTenant(b, () -> {
			identity.requireMfa(b, true);
			return null;
		});
		UserSummary user = externalUser("amr-" + UUID.randomUUID() + "@" + domain, true);
		String secret = identity.startTotpEnrolment(user.id()).secret();
		List<String> recoveryCodes = identity.confirmTotpEnrolment(user.id(), totp(secret));
		AuthFixtures.Browser browser = fixtures.browser();
		URI start = URI.create(platform + "/signin/federation/" + b);
		URI external = next(start, browser.get(start.toString()));
		URI externalSignIn = next(external, browser.get(external.toString()));
		HttpResponse<String> form = browser.get(externalSignIn.toString());
		URI secondFactor = next(externalSignIn, browser.postForm(externalSignIn.toString(), Map.of("email",
				user.email(), "password", AuthFixtures.PASSWORD, "_csrf", AuthFixtures.csrf(form.body()))));
		assertThat(secondFactor.getPath()).isEqualTo("/signin/second-factor");
		HttpResponse<String> codePage = browser.get(secondFactor.toString());
		URI approved = next(secondFactor, browser.postForm(secondFactor.toString(),
				Map.of("code", recoveryCodes.getFirst(), "_csrf", AuthFixtures.csrf(codePage.body()))));
		URI callback = next(approved, browser.get(approved.toString()));
		assertThat(callback.toString()).startsWith(platform + "/signin/federation/callback?");
		// the provider's ID token says amr otp and mfa: signed in at once
		HttpResponse<String> done = browser.get(callback.toString());
		assertThat(next(callback, done).getPath()).isEqualTo("/");
		assertThat(idToken(tokens(browser, fixtures.webClient(), null)).getStringClaim("tenant_id"))
			.isEqualTo(b.toString());
	}

	@Test
	void anAccountIsLinkedOnceAndLaterFoundByTheProvidersSubject() throws Exception {
		UserSummary user = externalUser("link-" + UUID.randomUUID() + "@" + domain, true);
		HttpResponse<String> first = federate(user.email());
		assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
		assertThat(fixtures.asTenant(b,
				() -> jdbc.queryForObject("SELECT subject FROM identity_federated_link WHERE user_id = ?", String.class,
						user.id().value())))
			.as("the external issuer's subject is the user's id there")
			.isEqualTo(user.id().toString());
		assertThat(identity.membershipsOf(user.id())).extracting(Membership::tenantId).containsExactly(a, b);

		// the provider now reports an address of no verified domain, not verified even:
		// the subject still finds the linked account (without its tenant A membership,
		// the
		// provider, this platform, asks no tenant choice)
		fixtures.asTenant(a, () -> {
			identity.removeMember(a, user.id());
			return null;
		});
		jdbc.update("UPDATE user_account SET email = ?, email_verified = false WHERE user_id = ?",
				"moved-" + UUID.randomUUID() + "@elsewhere.example.org", user.id().value());
		HttpResponse<String> again = federate(identity.profile(user.id()).email());
		assertThat(again.statusCode()).as(again.body()).isEqualTo(302);

		// while an unlinked identity with such an address is refused
		UserSummary stranger = externalUser("stranger-" + UUID.randomUUID() + "@elsewhere.example.org", true);
		HttpResponse<String> refused = federate(stranger.email());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(Jsoup.parse(refused.body()).select("#signin-problem").text())
			.isEqualTo("Your e-mail address does not belong to a domain this organization accepts.");
		assertThat(identity.membershipsOf(stranger.id())).extracting(Membership::tenantId).containsExactly(a);
	}

	private static JWTClaimsSet idToken(TokenResponse tokens) throws Exception {
		assertThat(tokens.indicatesSuccess()).isTrue();
		return ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens().getIDToken().getJWTClaimsSet();
	}

	private static String totp(String secret) throws Exception {
		return new dev.samstevens.totp.code.DefaultCodeGenerator(dev.samstevens.totp.code.HashingAlgorithm.SHA1, 6)
			.generate(secret, java.time.Instant.now().getEpochSecond() / 30);
	}

	@Test
	void aUserOfTheExternalIssuerSignsInToTenantBAndJoinsItJustInTime() throws Exception {
		UserSummary user = externalUser("jit@" + domain, true);
		CodeVerifier verifier = new CodeVerifier();
		AuthFixtures.WebClient app = fixtures.webClient();
		URI authorize = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
				new ClientID(app.clientId()))
			.redirectionURI(app.redirectUri())
			.scope(new Scope("openid", "profile"))
			.state(new State())
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.customParameter("tenant_id", b.toString())
			.endpointURI(URI.create(platform + "/oauth2/authorize"))
			.build()
			.toURI();
		AuthFixtures.Browser browser = fixtures.browser();
		URI signIn = next(authorize, browser.get(authorize.toString()));
		HttpResponse<String> page = browser.get(signIn.toString());
		assertThat(page.statusCode()).isEqualTo(200);
		Document html = Jsoup.parse(page.body());
		assertThat(html.select("#federation-start").text()).isEqualTo("Sign in with Example SSO");
		URI start = signIn.resolve(html.select("#federation-start").attr("href"));
		assertThat(start.getPath()).isEqualTo("/signin/federation/" + b);

		// e-mail first leads to the same provider
		HttpResponse<String> emailFirst = browser.postForm(platform + "/signin/federation/email",
				Map.of("email", user.email(), "_csrf", AuthFixtures.csrf(page.body())));
		assertThat(next(signIn, emailFirst)).isEqualTo(start);

		HttpResponse<String> done = throughTheExternalIssuer(browser, start, user.email());
		URI resumed = next(start, done);
		assertThat(resumed.getPath()).isEqualTo("/oauth2/authorize");
		URI callback = next(resumed, browser.get(resumed.toString()));
		assertThat(callback.toString()).startsWith(app.redirectUri().toString());
		AuthorizationCode code = ((AuthorizationSuccessResponse) AuthorizationResponse.parse(callback))
			.getAuthorizationCode();

		TokenResponse tokens = OIDCTokenResponseParser
			.parse(new TokenRequest(URI.create(platform + "/oauth2/token"), app.authentication(),
					new AuthorizationCodeGrant(code, app.redirectUri(), verifier))
				.toHTTPRequest()
				.send());
		assertThat(tokens.indicatesSuccess()).isTrue();
		JWTClaimsSet idToken = ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens()
			.getIDToken()
			.getJWTClaimsSet();
		assertThat(idToken.getSubject()).isEqualTo(user.id().toString());
		assertThat(idToken.getStringClaim("tenant_id")).isEqualTo(b.toString());
		assertThat(idToken.getIssuer()).isEqualTo(platform);

		assertThat(identity.membershipsOf(user.id())).extracting(Membership::tenantId, Membership::role)
			.contains(org.assertj.core.groups.Tuple.tuple(a, TenantRole.VIEWER),
					org.assertj.core.groups.Tuple.tuple(b, TenantRole.DEVELOPER));
		// the session counts for tenant B only: not for the account's tenant A, and
		// without tenant_id the token still names B
		assertThat(tokens(browser, app, a).indicatesSuccess()).as("tenant A through B's provider").isFalse();
		TokenResponse unnamed = tokens(browser, app, null);
		assertThat(unnamed.indicatesSuccess()).isTrue();
		assertThat(((OIDCTokenResponse) unnamed.toSuccessResponse()).getOIDCTokens()
			.getIDToken()
			.getJWTClaimsSet()
			.getStringClaim("tenant_id")).isEqualTo(b.toString());
	}

	/**
	 * Another authorization request in the same browser session, then its token request.
	 */
	private TokenResponse tokens(AuthFixtures.Browser browser, AuthFixtures.WebClient app, TenantId tenant)
			throws Exception {
		CodeVerifier verifier = new CodeVerifier();
		AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(
				new ResponseType(ResponseType.Value.CODE), new ClientID(app.clientId()))
			.redirectionURI(app.redirectUri())
			.scope(new Scope("openid", "profile"))
			.state(new State())
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.endpointURI(URI.create(platform + "/oauth2/authorize"));
		if (tenant != null) {
			request.customParameter("tenant_id", tenant.toString());
		}
		URI authorize = request.build().toURI();
		URI callback = next(authorize, browser.get(authorize.toString()));
		AuthorizationCode code = ((AuthorizationSuccessResponse) AuthorizationResponse.parse(callback))
			.getAuthorizationCode();
		return OIDCTokenResponseParser
			.parse(new TokenRequest(URI.create(platform + "/oauth2/token"), app.authentication(),
					new AuthorizationCodeGrant(code, app.redirectUri(), verifier))
				.toHTTPRequest()
				.send());
	}

	@Test
	void addressesOutsideTheAllowedDomainsOrUnverifiedAreRefused() throws Exception {
		UserSummary outsider = externalUser("out-" + UUID.randomUUID() + "@elsewhere.example.org", true);
		HttpResponse<String> refused = federate(outsider.email());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(Jsoup.parse(refused.body()).select("#signin-problem").text())
			.isEqualTo("Your e-mail address does not belong to a domain this organization accepts.");
		assertThat(identity.membershipsOf(outsider.id())).extracting(Membership::tenantId).containsExactly(a);

		UserSummary unverified = externalUser("unverified-" + UUID.randomUUID() + "@" + domain, false);
		HttpResponse<String> unproven = federate(unverified.email());
		assertThat(unproven.statusCode()).isEqualTo(403);
		assertThat(Jsoup.parse(unproven.body()).select("#signin-problem").text())
			.isEqualTo("Your identity provider has not verified your e-mail address.");
		assertThat(identity.membershipsOf(unverified.id())).extracting(Membership::tenantId).containsExactly(a);

		// a callback nobody started is refused
		HttpResponse<String> forged = fixtures.browser()
			.get(platform + "/signin/federation/callback?code=forged&state=forged");
		assertThat(forged.statusCode()).isEqualTo(400);
		assertThat(Jsoup.parse(forged.body()).select("#signin-problem").text())
			.isEqualTo("The sign-in at your identity provider did not succeed. Try again.");
		// a tenant without a provider offers none
		assertThat(fixtures.browser().get(platform + "/signin/federation/" + a).statusCode()).isEqualTo(404);
	}

	/** Starts at tenant B's provider and signs in there; the answer of the callback. */
	private HttpResponse<String> federate(String email) {
		AuthFixtures.Browser browser = fixtures.browser();
		return throughTheExternalIssuer(browser, URI.create(platform + "/signin/federation/" + b), email);
	}

	private HttpResponse<String> throughTheExternalIssuer(AuthFixtures.Browser browser, URI start, String email) {
		URI external = next(start, browser.get(start.toString()));
		assertThat(external.toString()).startsWith(fixtures.base + "/oauth2/authorize")
			.contains("code_challenge=")
			.contains("nonce=")
			.contains("state=");
		URI externalSignIn = next(external, browser.get(external.toString()));
		HttpResponse<String> form = browser.get(externalSignIn.toString());
		HttpResponse<String> signedIn = browser.postForm(externalSignIn.toString(),
				Map.of("email", email, "password", AuthFixtures.PASSWORD, "_csrf", AuthFixtures.csrf(form.body())));
		URI approved = next(externalSignIn, signedIn);
		URI callback = next(approved, browser.get(approved.toString()));
		assertThat(callback.toString()).startsWith(platform + "/signin/federation/callback?");
		return browser.get(callback.toString());
	}

	/** A user the external issuer knows: a member of tenant A with a password there. */
	private UserSummary externalUser(String email, boolean verified) {
		UserSummary user = identity.createUser(email, "External User", AuthFixtures.PASSWORD);
		fixtures.asTenant(a, () -> identity.addMember(a, user.id(), TenantRole.VIEWER));
		jdbc.update("UPDATE user_account SET email_verified = ? WHERE user_id = ?", verified, user.id().value());
		return user;
	}

	private static URI next(URI current, HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		return current.resolve(response.headers().firstValue("Location").orElseThrow());
	}

}
