package io.octavia.core.branding;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/** A (non-default) brand was deleted with its hostnames and logo. */
@Externalized(BrandCreated.TOPIC)
public record BrandDeleted(EventMetadata metadata, BrandId brandId, TenantId tenantId,
		String slug) implements DomainEvent {

	@Override
	public String type() {
		return "brand.deleted";
	}

	@Override
	public String subject() {
		return brandId.toString();
	}

}
