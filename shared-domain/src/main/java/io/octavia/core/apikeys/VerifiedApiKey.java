package io.octavia.core.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;

/**
 * A key whose hash matched, as the gateway needs it on every request; kept in the
 * gateway's cache. Status, expiry and addresses are checked per request by the gateway.
 *
 * @param signingSecret the opened signing secret ({@code octsig_...}), if the key has one
 * @param signatureRequired whether requests must be signed: the key has a signing secret
 * or its tenant requires signatures
 */
public record VerifiedApiKey(String keyId, TenantId tenantId, @Nullable BrandId brandId, ApiKeyMode mode,
		Set<String> scopes, ApiKeyStatus storedStatus, @Nullable Instant expiresAt, List<IpRange> ipAllowList,
		@Nullable Integer rateLimitPerMinute, @Nullable String signingSecret, boolean signatureRequired) {

	/** Revoked, or past its expiry at {@code now}. */
	public ApiKeyStatus statusAt(Instant now) {
		if (storedStatus == ApiKeyStatus.REVOKED) {
			return ApiKeyStatus.REVOKED;
		}
		return (expiresAt != null && !now.isBefore(expiresAt)) ? ApiKeyStatus.EXPIRED : ApiKeyStatus.ACTIVE;
	}

	/** Whether a request from this client address may use the key. */
	public boolean allows(String clientAddress) {
		return ipAllowList.isEmpty() || ipAllowList.stream().anyMatch(range -> range.contains(clientAddress));
	}

}
