package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

/** A tenant removed its external identity provider. */
public record IdentityProviderRemoved(EventMetadata metadata, TenantId tenantId) implements DomainEvent {

	@Override
	public String type() {
		return "tenant.identity_provider_removed";
	}

	@Override
	public String subject() {
		return tenantId.toString();
	}

}
