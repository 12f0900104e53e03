package io.octavia.core.api.tenancy;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.JsonMergePatch;
import io.octavia.core.api.Permissions;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantQuery;
import io.octavia.core.tenancy.TenantStatus;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Tenants for platform operators (callers without a tenant): authorities
 * {@code tenants:read} and {@code tenants:write}. Work on existing tenants crosses
 * tenants, so it goes through the audited {@link CrossTenantAccess} with the endpoint as
 * the reason.
 */
@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "Tenants (operators)", description = "Create, find, change, suspend, resume and close tenants")
class TenantsController {

	static final String READ = "tenants:read";

	static final String WRITE = "tenants:write";

	private final TenantManagement tenants;

	private final CrossTenantAccess crossTenant;

	private final JsonMergePatch mergePatch;

	TenantsController(TenantManagement tenants, CrossTenantAccess crossTenant, JsonMergePatch mergePatch) {
		this.tenants = tenants;
		this.crossTenant = crossTenant;
		this.mergePatch = mergePatch;
	}

	@RequiresPermission(value = WRITE, caller = Caller.OPERATOR)
	@PostMapping
	@Operation(summary = "Create a tenant",
			description = "The tenant starts in status provisioning and becomes active once every module has set up "
					+ "its defaults (a default brand, for one). A taken slug is 409 tenant_slug_taken.")
	ResponseEntity<TenantResponse> create(@RequestBody CreateTenantRequest request) {
		TenantDetails tenant = tenants.create(request.toCommand());
		return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant.id())).body(TenantResponse.of(tenant));
	}

	@RequiresPermission(value = READ, caller = Caller.OPERATOR)
	@GetMapping
	@Operation(summary = "List and search tenants",
			description = "Oldest first (then by id), a page at a time: pass nextCursor as cursor for the next page. "
					+ "Tenants created while you page appear on later pages; none repeats or goes missing.")
	TenantPageResponse list(
			@Parameter(description = "start of the slug or (ignoring case) of the name") @RequestParam(
					required = false) @Nullable String q,
			@Parameter(description = "provisioning, active, suspended, closed or purged") @RequestParam(
					required = false) @Nullable String status,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "page size, 1 to 100") @RequestParam(
					defaultValue = "" + TenantQuery.DEFAULT_LIMIT) int limit) {
		String actor = Permissions.operator();
		TenantQuery query = new TenantQuery(q, status(status), cursor, limit);
		return crossTenant.call(actor, "API GET /api/v1/tenants", () -> TenantPageResponse.of(tenants.search(query)));
	}

	@RequiresPermission(value = READ, caller = Caller.OPERATOR)
	@GetMapping("/{tenantId}")
	@Operation(summary = "Get a tenant")
	TenantResponse get(@PathVariable TenantId tenantId) {
		String actor = Permissions.operator();
		return crossTenant.call(actor, "API GET /api/v1/tenants/" + tenantId,
				() -> TenantResponse.of(tenants.find(tenantId).orElseThrow(() -> notFound(tenantId))));
	}

	@RequiresPermission(value = WRITE, caller = Caller.OPERATOR)
	@PatchMapping(path = "/{tenantId}", consumes = { JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Change a tenant's settings",
			description = "JSON Merge Patch: send only what changes (name, defaultLocale, timeZone, defaultCurrency, "
					+ "metadata); metadata merges key by key. The slug never changes.")
	TenantResponse update(@PathVariable TenantId tenantId, @io.swagger.v3.oas.annotations.parameters.RequestBody(
			description = "the changes, shaped like the settings") @RequestBody JsonNode patch) {
		String actor = Permissions.operator();
		return crossTenant.call(actor, "API PATCH /api/v1/tenants/" + tenantId,
				() -> TenantResponse.of(tenants.update(tenantId,
						current -> mergePatch
							.apply(TenantSettingsRequest.of(current), patch, TenantSettingsRequest.class)
							.toCommand())));
	}

	@RequiresPermission(value = WRITE, caller = Caller.OPERATOR)
	@PostMapping("/{tenantId}/suspension")
	@Operation(summary = "Suspend a tenant",
			description = "Its API calls and portal pages are refused with 403 tenant_suspended; its data stays intact.")
	TenantResponse suspend(@PathVariable TenantId tenantId) {
		String actor = Permissions.operator();
		return transition(actor, "API POST /api/v1/tenants/" + tenantId + "/suspension",
				() -> tenants.suspend(tenantId));
	}

	@RequiresPermission(value = WRITE, caller = Caller.OPERATOR)
	@DeleteMapping("/{tenantId}/suspension")
	@Operation(summary = "Resume a suspended tenant")
	TenantResponse resume(@PathVariable TenantId tenantId) {
		String actor = Permissions.operator();
		return transition(actor, "API DELETE /api/v1/tenants/" + tenantId + "/suspension",
				() -> tenants.resume(tenantId));
	}

	@RequiresPermission(value = WRITE, caller = Caller.OPERATOR)
	@PostMapping("/{tenantId}/closure")
	@Operation(summary = "Close a tenant for good",
			description = "Its data is kept for the retention period (octavia.tenancy.retention), then purged.")
	TenantResponse close(@PathVariable TenantId tenantId) {
		String actor = Permissions.operator();
		return transition(actor, "API POST /api/v1/tenants/" + tenantId + "/closure", () -> tenants.close(tenantId));
	}

	private TenantResponse transition(String actor, String reason, Supplier<TenantDetails> transition) {
		return crossTenant.call(actor, reason, () -> TenantResponse.of(transition.get()));
	}

	private static @Nullable TenantStatus status(@Nullable String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return TenantStatus.of(status.strip().toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "validation_failed", List.of(1),
					List.of(new DomainProblem.FieldProblem("status", "api.field.tenant.status", List.of())), Map.of());
		}
	}

	static DomainProblem notFound(TenantId id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", id.toString());
	}

}
