package io.octavia.core.tenancy;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/**
 * A tenant was created and is provisioning: modules that set up defaults for a tenant
 * react to this, then report {@link ProvisioningStepCompleted}.
 *
 * @param defaultLocale BCP 47 tag
 * @param timeZone region id
 * @param defaultCurrency ISO 4217 code
 */
@Externalized(TenantCreated.TOPIC)
public record TenantCreated(EventMetadata metadata, TenantId tenantId, String slug, String name, String defaultLocale,
		String timeZone, String defaultCurrency) implements DomainEvent {

	/** The Kafka topic of the tenant lifecycle events. */
	public static final String TOPIC = "octavia.tenancy";

	@Override
	public String type() {
		return "tenant.created";
	}

	@Override
	public String subject() {
		return tenantId.toString();
	}

}
