package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

/**
 * The platform found a tenant's verification record: addresses of the domain may join the
 * tenant just in time through its identity provider.
 */
public record EmailDomainVerified(EventMetadata metadata, TenantId tenantId, String domain) implements DomainEvent {

	@Override
	public String type() {
		return "tenant.email_domain_verified";
	}

	@Override
	public String subject() {
		return tenantId.toString();
	}

}
