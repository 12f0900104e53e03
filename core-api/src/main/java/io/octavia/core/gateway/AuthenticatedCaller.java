package io.octavia.core.gateway;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/**
 * A caller whose credential was verified.
 *
 * @param tenantId the tenant the credential belongs to; null for platform operators
 * @param brandId a brand the credential is bound to, if any
 * @param userId the user behind the credential, if any
 * @param actor audit name, e.g. {@code user:<id>} or {@code key:<prefix>}
 * @param authorities permissions or scopes the credential grants
 */
public record AuthenticatedCaller(@Nullable TenantId tenantId, @Nullable BrandId brandId, @Nullable UserId userId,
		String actor, Set<String> authorities) {
}
