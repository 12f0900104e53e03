/**
 * Branding: a tenant's brands — name, hostnames, colours. Every tenant has exactly one
 * default brand, created by provisioning when the tenant is. Its public API lives in this
 * package, its implementation in {@code internal}.
 */
@ApplicationModule(displayName = "Branding", allowedDependencies = { "platform", "tenancy" })
@NullMarked
package io.octavia.core.branding;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
