package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

/** A tenant configured (or changed) its external identity provider; never the secret. */
public record IdentityProviderConfigured(EventMetadata metadata, TenantId tenantId, String issuerUrl,
		boolean enabled) implements DomainEvent {

	@Override
	public String type() {
		return "tenant.identity_provider_configured";
	}

	@Override
	public String subject() {
		return tenantId.toString();
	}

}
