package io.octavia.core.branding;

import java.util.List;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/**
 * A brand was added to a tenant; {@code defaultBrand} marks the one made by provisioning.
 */
@Externalized(BrandCreated.TOPIC)
public record BrandCreated(EventMetadata metadata, BrandId brandId, TenantId tenantId, String slug, String name,
		boolean defaultBrand, List<String> hostnames, String primaryColor) implements DomainEvent {

	/** The Kafka topic of brand events. */
	public static final String TOPIC = "octavia.branding";

	@Override
	public String type() {
		return "brand.created";
	}

	@Override
	public String subject() {
		return brandId.toString();
	}

}
