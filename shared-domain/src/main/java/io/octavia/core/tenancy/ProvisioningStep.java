package io.octavia.core.tenancy;

/**
 * A part of provisioning contributed by another module, declared as a bean. A new tenant
 * becomes active once each declared step reported {@link ProvisioningStepCompleted}, so a
 * module joins provisioning without a change to this one.
 *
 * @param name unique, stable name, e.g. {@code branding.default-brand}
 */
public record ProvisioningStep(String name) {

	public ProvisioningStep {
		if (name.isBlank()) {
			throw new IllegalArgumentException("A provisioning step needs a name");
		}
	}

}
