package io.octavia.core.platform;

/**
 * A change to a tenant's data (its status, its brands) was seen on the event stream —
 * made on this node or any other. Per-node caches drop what they hold of the tenant, so a
 * suspension or a new hostname takes effect on every node within moments instead of after
 * the caches' time to live.
 *
 * @param tenantId whose data changed
 * @param stream the topic it was seen on, e.g. {@code octavia.branding}
 */
public record TenantChangeObserved(TenantId tenantId, String stream) {
}
