package io.octavia.core.api.apikeys;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.Permissions;
import io.octavia.core.api.apikeys.ApiKeyResponses.ApiKeyPageResponse;
import io.octavia.core.api.apikeys.ApiKeyResponses.ApiKeyResponse;
import io.octavia.core.apikeys.ApiKeyManagement;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators look at any tenant's API keys (metadata only) and revoke one in an emergency,
 * through the audited {@link CrossTenantAccess}. Operators do not create tenants' keys.
 */
@RestController
@RequestMapping("/api/v1/operator/tenants/{tenantId}/api-keys")
@Tag(name = "API keys (operators)", description = "Any tenant's API keys")
class OperatorApiKeysController {

	private final ApiKeyManagement keys;

	private final CrossTenantAccess crossTenant;

	OperatorApiKeysController(ApiKeyManagement keys, CrossTenantAccess crossTenant) {
		this.keys = keys;
		this.crossTenant = crossTenant;
	}

	@RequiresPermission(value = RolePermissions.TENANTS_READ, caller = Caller.OPERATOR)
	@GetMapping
	@Operation(summary = "List a tenant's API keys", description = "Oldest first, by cursor; never the secrets.")
	ApiKeyPageResponse list(@PathVariable UUID tenantId, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "50") int limit) {
		return crossTenant.call(Permissions.operator(), "API GET /api/v1/operator/tenants/" + tenantId + "/api-keys",
				() -> ApiKeyPageResponse.of(keys.list(new TenantId(tenantId), cursor, limit)));
	}

	@RequiresPermission(value = RolePermissions.TENANTS_WRITE, caller = Caller.OPERATOR)
	@PostMapping("/{keyId}/revoke")
	@Operation(summary = "Revoke a tenant's API key in an emergency",
			description = "Refused on every node within a second.")
	ApiKeyResponse revoke(@PathVariable UUID tenantId, @PathVariable String keyId) {
		return crossTenant.call(Permissions.operator(),
				"API POST /api/v1/operator/tenants/" + tenantId + "/api-keys/" + keyId + "/revoke",
				() -> ApiKeyResponse.of(keys.revoke(new TenantId(tenantId), keyId, true)));
	}

}
