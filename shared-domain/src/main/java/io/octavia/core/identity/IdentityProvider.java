package io.octavia.core.identity;

import java.time.Instant;
import java.util.List;

import io.octavia.core.platform.TenantId;

/**
 * A tenant's external OpenID Connect provider as its administrators see it; never the
 * client secret.
 *
 * @param allowedDomains e-mail domains whose verified addresses join the tenant just in
 * time
 * @param jitRole the role such a member is given
 */
public record IdentityProvider(TenantId tenantId, String displayName, String issuerUrl, String clientId,
		List<String> allowedDomains, TenantRole jitRole, boolean enabled, Instant updatedAt) {
}
