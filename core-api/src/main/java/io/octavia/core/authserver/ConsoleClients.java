package io.octavia.core.authserver;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The two consoles as OIDC clients of the built-in issuer: public clients (the secret
 * would live in the same process anyway) with authorization code and PKCE, registered at
 * the issuer on every start, and known to the consoles' OAuth2 login through this
 * {@link ClientRegistrationRepository}. Registrations are built on first use, because
 * without {@code octavia.security.issuer} the issuer's URLs carry the port the server
 * got.
 */
@Component
public class ConsoleClients implements ClientRegistrationRepository {

	public static final String ADMIN = "octavia-admin-console";

	public static final String PORTAL = "octavia-tenant-portal";

	private static final Map<String, String> CONSOLES = Map.of(ADMIN, "Octavia operator console", PORTAL,
			"Octavia tenant portal");

	private final RegisteredClientRepository registered;

	private final TokenIssuer issuer;

	private final AuthorizationServerProperties properties;

	ConsoleClients(RegisteredClientRepository registered, TokenIssuer issuer,
			AuthorizationServerProperties properties) {
		this.registered = registered;
		this.issuer = issuer;
		this.properties = properties;
	}

	/**
	 * Registers (or updates) both consoles at the issuer. Redirect URIs are added to
	 * those already registered: nodes (and test contexts) that share the database but not
	 * the issuer URL must not take each other's away; with a configured issuer they are
	 * one.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void register() {
		String base = issuer.issuer();
		CONSOLES.forEach((clientId, name) -> registered.save(RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientName(name)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUris(uris -> uris.addAll(existing(clientId, RegisteredClient::getRedirectUris)))
			.redirectUri(base + "/login/oauth2/code/" + clientId)
			.postLogoutRedirectUris(
					uris -> uris.addAll(existing(clientId, RegisteredClient::getPostLogoutRedirectUris)))
			.postLogoutRedirectUri(base + home(clientId))
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(properties.accessTokenLifetime())
				.idTokenSignatureAlgorithm(SignatureAlgorithm.ES256)
				.build())
			.build()));
	}

	/**
	 * Where a console sends a person who signs out: the issuer's end-session endpoint
	 * (RP-initiated logout), which ends the issuer's sign-in too and returns to the
	 * console's start page.
	 */
	public String signOutUrl(String registrationId, String idToken) {
		String base = issuer.issuer();
		return UriComponentsBuilder.fromUriString(base + "/connect/logout")
			.queryParam("id_token_hint", idToken)
			.queryParam("client_id", registrationId)
			.queryParam("post_logout_redirect_uri", base + home(registrationId))
			.encode()
			.build()
			.toUriString();
	}

	private Set<String> existing(String clientId, Function<RegisteredClient, Set<String>> uris) {
		RegisteredClient client = registered.findById(clientId);
		return (client != null) ? uris.apply(client) : Set.of();
	}

	private static String home(String registrationId) {
		return ADMIN.equals(registrationId) ? "/admin" : "/portal";
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		if (!CONSOLES.containsKey(registrationId)) {
			return null;
		}
		String base = issuer.issuer();
		return ClientRegistration.withRegistrationId(registrationId)
			.clientId(registrationId)
			.clientName(CONSOLES.get(registrationId))
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope(OidcScopes.OPENID, OidcScopes.PROFILE)
			.issuerUri(base)
			.authorizationUri(base + "/oauth2/authorize")
			.tokenUri(base + "/oauth2/token")
			.jwkSetUri(base + "/oauth2/jwks")
			.userNameAttributeName(IdTokenClaimNames.SUB)
			.providerConfigurationMetadata(Map.of("end_session_endpoint", base + "/connect/logout"))
			.build();
	}

}
