package io.octavia.core.branding.internal;

import java.util.List;

import io.octavia.core.branding.UpdateBrand;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.tenancy.ProvisioningStep;
import io.octavia.core.tenancy.ProvisioningStepCompleted;
import io.octavia.core.tenancy.TenantCreated;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every new tenant its default brand, named after the tenant, and reports the
 * provisioning step done in the same transaction (so it is reported exactly when the
 * brand exists). Safe to run twice for a tenant: an existing default brand is kept.
 */
@Component
class BrandProvisioning {

	static final String STEP = "branding.default-brand";

	private final Brands brands;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final BrandingDefaults defaults;

	BrandProvisioning(Brands brands, ApplicationEventPublisher events, TransactionTemplate transactions,
			BrandingDefaults defaults) {
		this.brands = brands;
		this.defaults = defaults;
		this.events = events;
		this.transactions = transactions;
	}

	// No transaction around the listener: the tenant's scope must be bound before one
	// begins, since the scope is applied to PostgreSQL at transaction begin.
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(TenantCreated event) {
		TenantContext.run(TenantContext.Scope.forEvent(event.metadata(), "system:branding"),
				() -> transactions.executeWithoutResult(status -> {
					if (brands.defaultBrand(event.tenantId()).isEmpty()) {
						brands.create(
								new BrandId(Ids.newId()), event.tenantId(), new UpdateBrand(event.slug(), event.name(),
										List.of(), defaults.primaryColor(), null, null, null, null, null, null, null),
								true);
					}
					events.publishEvent(new ProvisioningStepCompleted(EventMetadata.capture(event.tenantId()),
							event.tenantId(), STEP));
				}));
	}

	@Configuration(proxyBeanMethods = false)
	static class Step {

		/** Tenancy waits for the default brand before it activates a tenant. */
		@Bean
		ProvisioningStep defaultBrandProvisioningStep() {
			return new ProvisioningStep(STEP);
		}

	}

}
