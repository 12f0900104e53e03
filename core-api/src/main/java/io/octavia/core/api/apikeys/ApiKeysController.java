package io.octavia.core.api.apikeys;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.apikeys.ApiKeyResponses.ApiKeyPageResponse;
import io.octavia.core.api.apikeys.ApiKeyResponses.ApiKeyResponse;
import io.octavia.core.api.apikeys.ApiKeyResponses.IssuedApiKeyResponse;
import io.octavia.core.apikeys.ApiKeyManagement;
import io.octavia.core.apikeys.ApiKeyMode;
import io.octavia.core.apikeys.CreateApiKey;
import io.octavia.core.apikeys.IssuedApiKey;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's tenant's API keys: {@code keys:read} to look, {@code keys:manage} to
 * change. A key is created with at most the creator's permissions; the key and its
 * signing secret appear in the responses of create and rotate only. Another tenant's key
 * is {@code api_key_not_found}.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys", description = "Keys for server-to-server calls, with optional request signing")
class ApiKeysController {

	private final ApiKeyManagement keys;

	ApiKeysController(ApiKeyManagement keys) {
		this.keys = keys;
	}

	/**
	 * @param name shown in lists, 1 to 200 characters
	 * @param scopes {@code resource:action} permissions the key grants; at most the
	 * caller's own
	 * @param mode {@code live} (default) or {@code test}
	 * @param brandId restricts the key to one brand of the tenant
	 * @param expiresAt when the key stops working; never when absent
	 * @param ipAllowList CIDR ranges (IPv4 or IPv6) the key may be used from
	 * @param rateLimitPerMinute the key's own request budget; the plan's when absent
	 * @param signing issue a signing secret and require signed requests
	 */
	record CreateApiKeyRequest(@Schema(example = "Billing sync") @Nullable String name,
			@Schema(example = "[\"ledger:read\"]") @Nullable Set<String> scopes, @Schema(allowableValues = {
					"live", "test" }) @Nullable String mode,
			@Nullable UUID brandId, @Nullable Instant expiresAt,
			@Schema(example = "[\"203.0.113.0/24\"]") @Nullable List<String> ipAllowList,
			@Nullable Integer rateLimitPerMinute, @Nullable Boolean signing){

		CreateApiKey toCommand() {
			ApiKeyMode parsedMode = null;
			if (mode != null) {
				if (!mode.equals("live") && !mode.equals("test")) {
					new FieldProblems().add("mode", "api.field.api_key.mode").throwIfAny();
				}
				parsedMode = ApiKeyMode.of(mode);
			}
			return new CreateApiKey(name, scopes, parsedMode, (brandId != null) ? new BrandId(brandId) : null,
					expiresAt, ipAllowList, rateLimitPerMinute, Boolean.TRUE.equals(signing));
		}

	}

	/**
	 * @param gracePeriodSeconds how long the old key keeps working: 0 to 604800
	 */
	record RotateApiKeyRequest(@Schema(example = "86400") @Nullable Long gracePeriodSeconds) {
	}

	record SigningPolicy(boolean requireSignatures) {
	}

	@RequiresPermission(value = RolePermissions.KEYS_MANAGE, caller = Caller.TENANT)
	@PostMapping
	@Operation(summary = "Create an API key",
			description = "The key and the signing secret are in this response only. Idempotency-Key is ignored here: "
					+ "a stored response would keep the key.")
	ResponseEntity<IssuedApiKeyResponse> create(@RequestBody CreateApiKeyRequest request) {
		TenantId tenant = TenantContext.requireTenant();
		IssuedApiKey issued = keys.create(tenant, request.toCommand(), callerPermissions());
		return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.apiKey().keyId()))
			.body(IssuedApiKeyResponse.of(issued));
	}

	@RequiresPermission(value = RolePermissions.KEYS_READ, caller = Caller.TENANT)
	@GetMapping
	@Operation(summary = "List the tenant's API keys", description = "Oldest first, by cursor; never the secrets.")
	ApiKeyPageResponse list(@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "50") int limit) {
		return ApiKeyPageResponse.of(keys.list(TenantContext.requireTenant(), cursor, limit));
	}

	@RequiresPermission(value = RolePermissions.KEYS_READ, caller = Caller.TENANT)
	@GetMapping("/{keyId}")
	@Operation(summary = "Show an API key")
	ApiKeyResponse get(@PathVariable String keyId) {
		return ApiKeyResponse.of(keys.find(TenantContext.requireTenant(), keyId));
	}

	@RequiresPermission(value = RolePermissions.KEYS_MANAGE, caller = Caller.TENANT)
	@PostMapping("/{keyId}/rotate")
	@Operation(summary = "Replace an API key",
			description = "A new key with the same settings; the old one works for the grace period, then expires.")
	IssuedApiKeyResponse rotate(@PathVariable String keyId,
			@RequestBody(required = false) @Nullable RotateApiKeyRequest request) {
		long grace = (request != null && request.gracePeriodSeconds() != null) ? request.gracePeriodSeconds() : 0;
		return IssuedApiKeyResponse.of(keys.rotate(TenantContext.requireTenant(), keyId,
				Duration.ofSeconds(Math.max(-1, Math.min(grace, Long.MAX_VALUE / 2))), callerPermissions()));
	}

	@RequiresPermission(value = RolePermissions.KEYS_MANAGE, caller = Caller.TENANT)
	@PostMapping("/{keyId}/revoke")
	@Operation(summary = "Revoke an API key", description = "Refused on every node within a second.")
	ApiKeyResponse revoke(@PathVariable String keyId) {
		return ApiKeyResponse.of(keys.revoke(TenantContext.requireTenant(), keyId, false));
	}

	@RequiresPermission(value = RolePermissions.KEYS_READ, caller = Caller.TENANT)
	@GetMapping("/signing-policy")
	@Operation(summary = "Whether every key of the tenant must sign its requests")
	SigningPolicy signingPolicy() {
		return new SigningPolicy(keys.requireSignatures(TenantContext.requireTenant()));
	}

	@RequiresPermission(value = RolePermissions.KEYS_MANAGE, caller = Caller.TENANT)
	@PutMapping("/signing-policy")
	@Operation(summary = "Require signed requests for every key of the tenant",
			description = "Keys without a signing secret are refused (signature_missing) until rotated.")
	SigningPolicy setSigningPolicy(@RequestBody SigningPolicy policy) {
		TenantId tenant = TenantContext.requireTenant();
		keys.setRequireSignatures(tenant, policy.requireSignatures());
		return new SigningPolicy(keys.requireSignatures(tenant));
	}

	/** What the verified credential grants: a key is never made with more. */
	private static Set<String> callerPermissions() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null) ? authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toUnmodifiableSet()) : Set.of();
	}

}
