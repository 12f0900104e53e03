/**
 * Tenant portal: the self-service pages of a tenant, mounted at /portal. Modules add
 * navigation entries and dashboard panels as
 * {@link io.octavia.core.platform.web.ConsoleContribution} beans.
 */
@ApplicationModule(displayName = "Tenant portal")
@NullMarked
package io.octavia.core.portal;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
