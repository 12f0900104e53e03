package io.octavia.core.authserver.federation;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.octavia.core.identity.FederatedSignInProvider;
import io.octavia.core.identity.IdentityProviderManagement;
import io.octavia.core.platform.TenantId;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

/**
 * The client registration of a tenant's provider, built from the provider's discovery
 * document ({@code /.well-known/openid-configuration} under its issuer URL) and the
 * tenant's client id and secret. Discovery is cached per issuer for a few minutes; the
 * tenant's settings are read on every sign-in, so a change applies at once.
 */
@Component
class FederationClients {

	static final String CALLBACK = "/signin/federation/callback";

	private final IdentityProviderManagement providers;

	private final Cache<String, ClientRegistration> discovered = Caffeine.newBuilder()
		.maximumSize(1_000)
		.expireAfterWrite(Duration.ofMinutes(5))
		.build();

	FederationClients(IdentityProviderManagement providers) {
		this.providers = providers;
	}

	/**
	 * @throws IllegalArgumentException when the issuer's discovery document cannot be
	 * read or does not name the issuer
	 */
	Optional<ClientRegistration> registration(TenantId tenant) {
		return providers.forSignIn(tenant).map(this::registration);
	}

	private ClientRegistration registration(FederatedSignInProvider provider) {
		ClientRegistration discovery = discovered.get(provider.issuerUrl(),
				issuer -> ClientRegistrations.fromIssuerLocation(issuer).clientId("discovery").build());
		return ClientRegistration.withClientRegistration(discovery)
			.registrationId(provider.tenantId().toString())
			.clientId(provider.clientId())
			.clientSecret(provider.clientSecret())
			.redirectUri("{baseUrl}" + CALLBACK)
			.scope(OidcScopes.OPENID, OidcScopes.EMAIL, OidcScopes.PROFILE)
			.clientName(provider.displayName())
			.build();
	}

}
