package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

/** A tenant gave up an e-mail domain, verified or not. */
public record EmailDomainRemoved(EventMetadata metadata, TenantId tenantId, String domain,
		boolean wasVerified) implements DomainEvent {

	@Override
	public String type() {
		return "tenant.email_domain_removed";
	}

	@Override
	public String subject() {
		return tenantId.toString();
	}

}
