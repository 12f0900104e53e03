package io.octavia.core.tenancy;

import java.time.Instant;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/**
 * The tenant is closed for good; its data is kept for the retention period counted from
 * {@code closedAt}.
 */
@Externalized(TenantCreated.TOPIC)
public record TenantClosed(EventMetadata metadata, TenantId tenantId, Instant closedAt) implements DomainEvent {

	@Override
	public String type() {
		return "tenant.closed";
	}

	@Override
	public String subject() {
		return tenantId.toString();
	}

}
