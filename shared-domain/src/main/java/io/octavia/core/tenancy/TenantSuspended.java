package io.octavia.core.tenancy;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/** The tenant is suspended: the gateway refuses its calls, its data stays intact. */
@Externalized(TenantCreated.TOPIC)
public record TenantSuspended(EventMetadata metadata, TenantId tenantId) implements DomainEvent {

	@Override
	public String type() {
		return "tenant.suspended";
	}

	@Override
	public String subject() {
		return tenantId.toString();
	}

}
