package io.octavia.core.identity;

import java.util.List;
import java.util.Optional;

import io.octavia.core.identity.internal.EmailDomains;
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

	private final EmailDomains domains;

	IdentityProviderManagement(ExternalIdentityProviders providers, EmailDomains domains) {
		this.providers = providers;
		this.domains = domains;
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
	 * Completes a federated sign-in: the identity's linked account, else the account of
	 * its verified address of a verified domain (created without a password if new, and
	 * linked), becomes a member of the tenant with the provider's role if it was not one.
	 * @return the user, and whether a second factor must still follow (or be enrolled):
	 * when the tenant requires one and the provider's {@code amr} reports none
	 * @throws DomainProblem {@code identity_provider_not_found},
	 * {@code federation_email_unverified}, {@code federation_domain_not_allowed},
	 * {@code federation_account_linked}, {@code account_disabled}
	 */
	public SignIn joinJustInTime(TenantId tenant, FederatedIdentity identity) {
		return providers.joinJustInTime(tenant, identity);
	}

	// ---- e-mail domains: only verified ones let addresses join just in time

	/** The tenant's e-mail domains, verified or pending, by name. */
	public List<EmailDomain> domains(TenantId tenant) {
		return domains.list(tenant);
	}

	/**
	 * Adds a pending domain with a new verification token. Any tenant may add any domain;
	 * only one at a time can have it verified.
	 * @throws DomainProblem {@code validation_failed}, {@code email_domain_exists}
	 */
	public EmailDomain addDomain(TenantId tenant, String domain) {
		return domains.add(tenant, domain);
	}

	/**
	 * Looks the domain's TXT record up now and marks the domain verified when it says
	 * {@link EmailDomain#recordValue()}.
	 * @throws DomainProblem {@code email_domain_not_found},
	 * {@code email_domain_record_missing}, {@code email_domain_lookup_failed},
	 * {@code email_domain_claimed}
	 */
	public EmailDomain verifyDomain(TenantId tenant, String domain) {
		return domains.verify(tenant, domain);
	}

	/**
	 * @throws DomainProblem {@code email_domain_not_found}
	 */
	public void removeDomain(TenantId tenant, String domain) {
		domains.remove(tenant, domain);
	}

}
