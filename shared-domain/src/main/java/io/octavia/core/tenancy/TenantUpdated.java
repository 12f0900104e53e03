package io.octavia.core.tenancy;

import java.util.List;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/**
 * A tenant's settings changed.
 *
 * @param changed names of the fields that changed ({@code name}, {@code defaultLocale},
 * {@code timeZone}, {@code defaultCurrency}, {@code metadata}), sorted
 */
@Externalized(TenantCreated.TOPIC)
public record TenantUpdated(EventMetadata metadata, TenantId tenantId, String name, String defaultLocale,
		String timeZone, String defaultCurrency, List<String> changed) implements DomainEvent {

	@Override
	public String type() {
		return "tenant.updated";
	}

	@Override
	public String subject() {
		return tenantId.toString();
	}

}
