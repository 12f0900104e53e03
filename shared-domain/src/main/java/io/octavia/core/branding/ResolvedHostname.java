package io.octavia.core.branding;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;

/** The brand a hostname belongs to, and that brand's tenant. */
public record ResolvedHostname(TenantId tenantId, BrandId brandId) {
}
