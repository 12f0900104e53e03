package io.octavia.core.branding;

import java.time.Instant;
import java.util.List;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;

/**
 * A brand as the rest of the platform sees it.
 *
 * @param defaultBrand whether this is the tenant's default brand (exactly one is)
 * @param hostnames lower-case host names, sorted
 * @param primaryColor {@code #rrggbb}, lower case
 */
public record BrandDetails(BrandId id, TenantId tenantId, String slug, String name, boolean defaultBrand,
		List<String> hostnames, String primaryColor, Instant createdAt, Instant updatedAt) {
}
