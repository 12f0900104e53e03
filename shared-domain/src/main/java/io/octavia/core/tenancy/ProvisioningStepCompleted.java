package io.octavia.core.tenancy;

import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

/**
 * A module finished its {@link ProvisioningStep} for a tenant. Publish it in the
 * transaction that did the work; reporting a step twice is harmless.
 */
public record ProvisioningStepCompleted(EventMetadata metadata, TenantId tenantId, String step) {
}
