/**
 * Audit: an append-only record of every state-changing action — who (user, API key,
 * system, operator), for which tenant and brand, what (action, target, a small before and
 * after summary), from where (request id, client address, user agent) and when.
 * <p>
 * Records come from the other modules' domain events (deduplicated by event id), from
 * {@link io.octavia.core.platform.CrossTenantAccessGranted} and from
 * {@link io.octavia.core.audit.AuditManagement#record} for actions without an event. Each
 * tenant's records form a SHA-256 hash chain, sealed in the background so writers never
 * wait for each other; {@link io.octavia.core.audit.AuditManagement#verify} recomputes
 * it. Platform-level actions, which belong to no tenant, form a chain of their own
 * ({@link io.octavia.core.audit.AuditManagement#PLATFORM}). The application's database
 * role may insert records and seal them once, never change or delete them.
 */
@ApplicationModule(displayName = "Audit",
		allowedDependencies = { "platform", "tenancy", "branding", "identity", "apikeys" })
@NullMarked
package io.octavia.core.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
