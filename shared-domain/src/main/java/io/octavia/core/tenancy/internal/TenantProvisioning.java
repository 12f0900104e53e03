package io.octavia.core.tenancy.internal;

import io.octavia.core.platform.TenantContext;
import io.octavia.core.tenancy.ProvisioningStepCompleted;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/** Activates a new tenant once every module has provisioned its part. */
@Component
class TenantProvisioning {

	private final Tenants tenants;

	TenantProvisioning(Tenants tenants) {
		this.tenants = tenants;
	}

	// No transaction around the listener: the tenant's scope must be bound before one
	// begins, since the scope is applied to PostgreSQL at transaction begin.
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(ProvisioningStepCompleted event) {
		TenantContext.run(TenantContext.Scope.forEvent(event.metadata(), "system:tenancy"),
				() -> tenants.completeProvisioningStep(event.tenantId(), event.step()));
	}

}
