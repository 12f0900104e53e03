package io.octavia.core.api.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import io.octavia.core.apikeys.ApiKey;
import io.octavia.core.apikeys.ApiKeyPage;
import io.octavia.core.apikeys.IssuedApiKey;

/** The JSON of API keys: metadata, and the secrets in the responses that issue them. */
final class ApiKeyResponses {

	private ApiKeyResponses() {
	}

	/** A key's metadata; never its secrets. */
	record ApiKeyResponse(@Schema(example = "AbCdEfGhIjKlMnOp") String keyId, UUID tenantId,
			@Schema(example = "oct_live_AbCdEfGhIjKlMnOp") String prefix, String mode, String name, Set<String> scopes,
			@Nullable UUID brandId, @Nullable Instant expiresAt, List<String> ipAllowList,
			@Nullable Integer rateLimitPerMinute, boolean signing, @Schema(allowableValues = {
					"active", "expired", "revoked" }) String status,
			String createdBy, Instant createdAt, @Nullable Instant revokedAt, @Nullable String rotatedFrom,
			@Nullable Instant lastUsedAt, @Nullable String lastUsedIp){

		static ApiKeyResponse of(ApiKey key) {
			return new ApiKeyResponse(key.keyId(), key.tenantId().value(), key.prefix(), key.mode().value(), key.name(),
					new TreeSet<>(key.scopes()), (key.brandId() != null) ? key.brandId().value() : null,
					key.expiresAt(), key.ipAllowList(), key.rateLimitPerMinute(), key.signing(), key.status().value(),
					key.createdBy(), key.createdAt(), key.revokedAt(), key.rotatedFrom(), key.lastUsedAt(),
					key.lastUsedIp());
		}

	}

	/**
	 * @param key the full key: shown this once, store it safely
	 * @param signingSecret the secret to sign requests with, if the key signs: shown this
	 * once
	 */
	record IssuedApiKeyResponse(ApiKeyResponse apiKey,
			@Schema(example = "oct_live_AbCdEfGhIjKlMnOp_0123456789abcdefghijkl000000") String key,
			@Nullable String signingSecret) {

		static IssuedApiKeyResponse of(IssuedApiKey issued) {
			return new IssuedApiKeyResponse(ApiKeyResponse.of(issued.apiKey()), issued.key(), issued.signingSecret());
		}

	}

	/**
	 * @param nextCursor pass as {@code cursor} for the next page; null on the last
	 */
	record ApiKeyPageResponse(List<ApiKeyResponse> items, @Nullable String nextCursor) {

		static ApiKeyPageResponse of(ApiKeyPage page) {
			return new ApiKeyPageResponse(page.items().stream().map(ApiKeyResponse::of).toList(), page.nextCursor());
		}

	}

}
