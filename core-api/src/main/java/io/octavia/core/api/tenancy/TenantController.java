package io.octavia.core.api.tenancy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.octavia.core.api.JsonMergePatch;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The caller's own tenant: authorities {@code tenant:read} and {@code tenant:write}. The
 * tenant is the credential's, never one named in the request.
 */
@RestController
@RequestMapping("/api/v1/tenant")
@Tag(name = "Own tenant", description = "The settings of the caller's tenant")
class TenantController {

	private final TenantManagement tenants;

	private final JsonMergePatch mergePatch;

	TenantController(TenantManagement tenants, JsonMergePatch mergePatch) {
		this.tenants = tenants;
		this.mergePatch = mergePatch;
	}

	@RequiresPermission(value = "tenant:read", caller = Caller.TENANT)
	@GetMapping
	@Operation(summary = "Get the own tenant")
	TenantResponse get() {
		TenantId tenant = TenantContext.requireTenant();
		return TenantResponse.of(tenants.find(tenant).orElseThrow(() -> TenantsController.notFound(tenant)));
	}

	@RequiresPermission(value = "tenant:write", caller = Caller.TENANT)
	@PatchMapping(consumes = { JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Change the own tenant's settings",
			description = "JSON Merge Patch: send only what changes (name, defaultLocale, timeZone, defaultCurrency, "
					+ "metadata); metadata merges key by key.")
	TenantResponse update(@RequestBody JsonNode patch) {
		TenantId tenant = TenantContext.requireTenant();
		return TenantResponse.of(tenants.update(tenant,
				current -> mergePatch.apply(TenantSettingsRequest.of(current), patch, TenantSettingsRequest.class)
					.toCommand()));
	}

}
