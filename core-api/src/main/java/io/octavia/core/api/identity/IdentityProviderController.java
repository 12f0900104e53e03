package io.octavia.core.api.identity;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.octavia.core.identity.ConfigureIdentityProvider;
import io.octavia.core.identity.EmailDomain;
import io.octavia.core.identity.IdentityProvider;
import io.octavia.core.identity.IdentityProviderManagement;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's tenant's external OpenID Connect provider: {@code tenant:read} to see it,
 * {@code tenant:write} to change it. The client secret is write-only.
 */
@RestController
@RequestMapping("/api/v1/identity-provider")
@Tag(name = "Identity provider", description = "Your tenant's external OpenID Connect provider")
class IdentityProviderController {

	private final IdentityProviderManagement providers;

	IdentityProviderController(IdentityProviderManagement providers) {
		this.providers = providers;
	}

	@RequiresPermission(value = RolePermissions.TENANT_READ, caller = Caller.TENANT)
	@GetMapping
	@Operation(summary = "Get the tenant's external identity provider", description = "404 when none is configured.")
	IdentityProviderResponse get() {
		TenantId tenant = TenantContext.requireTenant();
		return IdentityProviderResponse.of(providers.find(tenant).orElseThrow(IdentityProviderController::notFound));
	}

	@RequiresPermission(value = RolePermissions.TENANT_WRITE, caller = Caller.TENANT)
	@PutMapping
	@Operation(summary = "Configure the tenant's external identity provider",
			description = "Creates or replaces it. clientSecret is required the first time; leave it out to keep "
					+ "the stored one. jitRole defaults to viewer and may not be owner. The issuer must use https "
					+ "(http only for localhost).")
	IdentityProviderResponse put(@RequestBody IdentityProviderRequest request) {
		TenantId tenant = TenantContext.requireTenant();
		return IdentityProviderResponse.of(providers.configure(tenant, request.toCommand()));
	}

	@RequiresPermission(value = RolePermissions.TENANT_WRITE, caller = Caller.TENANT)
	@DeleteMapping
	@Operation(summary = "Remove the tenant's external identity provider")
	ResponseEntity<Void> delete() {
		providers.remove(TenantContext.requireTenant());
		return ResponseEntity.noContent().build();
	}

	@RequiresPermission(value = RolePermissions.TENANT_READ, caller = Caller.TENANT)
	@GetMapping("/domains")
	@Operation(summary = "List the tenant's e-mail domains",
			description = "Verified and pending, each with the DNS TXT record that proves the tenant owns it. "
					+ "Only verified domains let addresses join just in time.")
	List<EmailDomainResponse> domains() {
		return providers.domains(TenantContext.requireTenant()).stream().map(EmailDomainResponse::of).toList();
	}

	@RequiresPermission(value = RolePermissions.TENANT_WRITE, caller = Caller.TENANT)
	@PostMapping("/domains")
	@Operation(summary = "Add an e-mail domain to verify",
			description = "Answers the TXT record to publish: recordValue at recordName. 409 email_domain_exists.")
	ResponseEntity<EmailDomainResponse> addDomain(@RequestBody EmailDomainRequest request) {
		EmailDomainResponse added = EmailDomainResponse
			.of(providers.addDomain(TenantContext.requireTenant(), request.domain()));
		return ResponseEntity.status(HttpStatus.CREATED).body(added);
	}

	@RequiresPermission(value = RolePermissions.TENANT_WRITE, caller = Caller.TENANT)
	@PostMapping("/domains/{domain}/verify")
	@Operation(summary = "Verify an e-mail domain now",
			description = "Looks the TXT record up in DNS. 422 email_domain_record_missing while it is not "
					+ "visible, 422 email_domain_lookup_failed when DNS does not answer, 409 email_domain_claimed "
					+ "when another tenant holds the domain verified.")
	EmailDomainResponse verifyDomain(@PathVariable String domain) {
		return EmailDomainResponse.of(providers.verifyDomain(TenantContext.requireTenant(), domain));
	}

	@RequiresPermission(value = RolePermissions.TENANT_WRITE, caller = Caller.TENANT)
	@DeleteMapping("/domains/{domain}")
	@Operation(summary = "Remove an e-mail domain")
	ResponseEntity<Void> removeDomain(@PathVariable String domain) {
		providers.removeDomain(TenantContext.requireTenant(), domain);
		return ResponseEntity.noContent().build();
	}

	private static DomainProblem notFound() {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "identity_provider_not_found");
	}

	record IdentityProviderRequest(@Nullable String displayName, @Nullable String issuerUrl, @Nullable String clientId,
			@Nullable String clientSecret, @Nullable List<String> allowedDomains, @Nullable String jitRole,
			@Nullable Boolean enabled) {

		ConfigureIdentityProvider toCommand() {
			return new ConfigureIdentityProvider(displayName, issuerUrl, clientId, clientSecret, allowedDomains,
					jitRole, enabled == null || enabled);
		}

		@Override
		public String toString() {
			return "IdentityProviderRequest[issuerUrl=" + issuerUrl + ", clientId=" + clientId + "]";
		}

	}

	record EmailDomainRequest(@Nullable String domain) {
	}

	record EmailDomainResponse(String domain, boolean verified, String recordName, String recordValue,
			Instant createdAt, @Nullable Instant verifiedAt, @Nullable Instant lastCheckedAt, int attempts) {

		static EmailDomainResponse of(EmailDomain domain) {
			return new EmailDomainResponse(domain.domain(), domain.verified(), domain.recordName(),
					domain.recordValue(), domain.createdAt(), domain.verifiedAt(), domain.lastCheckedAt(),
					domain.attempts());
		}

	}

	/** Never the client secret: only that one is stored. */
	record IdentityProviderResponse(String displayName, String issuerUrl, String clientId, boolean clientSecretSet,
			List<String> allowedDomains, String jitRole, boolean enabled, Instant updatedAt) {

		static IdentityProviderResponse of(IdentityProvider provider) {
			return new IdentityProviderResponse(provider.displayName(), provider.issuerUrl(), provider.clientId(), true,
					provider.allowedDomains(), provider.jitRole().value(), provider.enabled(), provider.updatedAt());
		}

	}

}
