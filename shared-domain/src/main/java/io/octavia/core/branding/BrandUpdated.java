package io.octavia.core.branding;

import java.util.List;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/**
 * A brand changed: its attributes, its logo, or whether it is the tenant's default.
 * Consumers that need the new values read {@link BrandManagement#configuration} (in
 * process) or the API.
 *
 * @param changed names of what changed, sorted: attribute names as in the API
 * ({@code name}, {@code hostnames}, {@code primaryColor}, {@code sender}, ...),
 * {@code logo} or {@code defaultBrand}
 */
@Externalized(BrandCreated.TOPIC)
public record BrandUpdated(EventMetadata metadata, BrandId brandId, TenantId tenantId, String slug, String name,
		boolean defaultBrand, List<String> hostnames, List<String> changed) implements DomainEvent {

	@Override
	public String type() {
		return "brand.updated";
	}

	@Override
	public String subject() {
		return brandId.toString();
	}

}
