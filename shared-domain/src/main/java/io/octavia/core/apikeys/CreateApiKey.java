package io.octavia.core.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.BrandId;

/**
 * A new key of the current tenant.
 *
 * @param name shown in lists, 1 to 200 characters
 * @param scopes {@code resource:action} names from {@link ApiKeyScopes}, a subset of the
 * creator's permissions
 * @param mode live or test; null for live
 * @param brandId restricts the key to one brand of the tenant
 * @param expiresAt in the future, or null for never
 * @param ipAllowList CIDR ranges (IPv4 or IPv6, a bare address is one host); null or
 * empty for anywhere
 * @param rateLimitPerMinute 1 to 100000, or null for the tenant's plan
 * @param signing whether requests must be signed with a signing secret issued with the
 * key (always on while the tenant requires signatures)
 */
public record CreateApiKey(@Nullable String name, @Nullable Set<String> scopes, @Nullable ApiKeyMode mode,
		@Nullable BrandId brandId, @Nullable Instant expiresAt, @Nullable List<String> ipAllowList,
		@Nullable Integer rateLimitPerMinute, boolean signing) {
}
