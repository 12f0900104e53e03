package io.octavia.core.branding.internal;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A row of {@code brand_hostname}: the hostname is its primary key, so it is unique
 * across all tenants even though each tenant sees only its own rows.
 */
@Embeddable
record Hostname(@Column(name = "hostname") String name, @Column(name = "tenant_id") UUID tenantId) {
}
