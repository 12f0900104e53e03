package io.octavia.core.identity;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.internal.ExternalIdentityProviders;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;

import org.springframework.stereotype.Service;

/**
 * A tenant's external OpenID Connect provider: its configuration (in the tenant's scope)
 * and what the built-in sign-in needs to federate to it and let verified addresses of the
 * allowed domains join the tenant just in time.
 */
@Service
public class IdentityProviderManagement {

	private final ExternalIdentityProviders providers;

	IdentityProviderManagement(ExternalIdentityProviders providers) {
		this.providers = providers;
	}

	public Optional<IdentityProvider> find(TenantId tenant) {
		return providers.find(tenant);
	}

	/**
	 * Creates or replaces the tenant's provider; the client secret is sealed and never
	 * returned.
	 * @throws DomainProblem {@code validation_failed}
	 */
	public IdentityProvider configure(TenantId tenant, ConfigureIdentityProvider command) {
		return providers.configure(tenant, command);
	}

	/**
	 * @throws DomainProblem {@code identity_provider_not_found}
	 */
	public void remove(TenantId tenant) {
		if (!providers.remove(tenant)) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "identity_provider_not_found");
		}
	}

	/** The tenant's enabled provider, for the sign-in; works without a tenant scope. */
	public Optional<FederatedSignInProvider> forSignIn(TenantId tenant) {
		return providers.forSignIn(tenant);
	}

	/**
	 * The enabled providers that accept this address's domain; without a tenant scope.
	 */
	public List<FederatedSignInProvider> forEmail(String email) {
		return providers.forEmail(email);
	}

	/**
	 * Completes a federated sign-in: the account of the verified address (created without
	 * a password if new) becomes a member of the tenant with the provider's role if it
	 * was not one.
	 * @throws DomainProblem {@code identity_provider_not_found},
	 * {@code federation_email_unverified}, {@code federation_domain_not_allowed},
	 * {@code account_disabled}
	 */
	public UserSummary joinJustInTime(TenantId tenant, String email, boolean emailVerified, @Nullable String name) {
		return providers.joinJustInTime(tenant, email, emailVerified, name);
	}

}
