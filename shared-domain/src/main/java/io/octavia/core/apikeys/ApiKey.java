package io.octavia.core.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;

/**
 * What is known about a key, never its secret.
 *
 * @param keyId the public id inside the key (and the RFC 9421 {@code keyid})
 * @param prefix {@code oct_<mode>_<keyId>}, enough to recognise the key
 * @param brandId the only brand the key acts for, if restricted
 * @param expiresAt when the key stops working by itself (after a rotation: the end of the
 * grace period), null for never
 * @param ipAllowList CIDR ranges the key may be used from; empty for anywhere
 * @param rateLimitPerMinute the key's own request budget, null for the plan's
 * @param signing whether the key has a signing secret and so requires signed requests
 * @param createdBy the actor who created the key, e.g. {@code user:<id>}
 * @param rotatedFrom the key id this key replaced, if made by a rotation
 */
public record ApiKey(String keyId, TenantId tenantId, ApiKeyMode mode, String prefix, String name, Set<String> scopes,
		@Nullable BrandId brandId, @Nullable Instant expiresAt, List<String> ipAllowList,
		@Nullable Integer rateLimitPerMinute, boolean signing, ApiKeyStatus status, String createdBy, Instant createdAt,
		@Nullable Instant revokedAt, @Nullable String rotatedFrom, @Nullable Instant lastUsedAt,
		@Nullable String lastUsedIp) {
}
