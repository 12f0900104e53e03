package io.octavia.core.tenancy;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/** The tenant is active again after a suspension. */
@Externalized(TenantCreated.TOPIC)
public record TenantResumed(EventMetadata metadata, TenantId tenantId) implements DomainEvent {

	@Override
	public String type() {
		return "tenant.resumed";
	}

	@Override
	public String subject() {
		return tenantId.toString();
	}

}
