/**
 * Tenancy: tenants — the unit of isolation — and their lifecycle
 * ({@code provisioning → active ⇄ suspended → closed}). Provisioning is open: other
 * modules register a {@link io.octavia.core.tenancy.ProvisioningStep}, react to
 * {@link io.octavia.core.tenancy.TenantCreated} and report
 * {@link io.octavia.core.tenancy.ProvisioningStepCompleted}; the tenant becomes active
 * once every registered step has. Its public API lives in this package, its
 * implementation in {@code internal}.
 */
@ApplicationModule(displayName = "Tenancy", allowedDependencies = "platform")
@NullMarked
package io.octavia.core.tenancy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
