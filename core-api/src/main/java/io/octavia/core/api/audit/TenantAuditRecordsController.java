package io.octavia.core.api.audit;

import java.io.IOException;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;

import io.octavia.core.api.Permissions;
import io.octavia.core.audit.AuditManagement;
import io.octavia.core.audit.AuditQuery;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any tenant's audit log, for operators (callers without a tenant) only; a tenant's
 * caller reads its own log at {@code /api/v1/audit-records}. Each request goes through
 * {@link CrossTenantAccess}, so reading a tenant's log is itself recorded in the
 * platform's log. Authority {@code audit:read}.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/audit-records")
@Tag(name = "Audit log")
class TenantAuditRecordsController {

	private final AuditManagement audit;

	private final TenantManagement tenants;

	private final CrossTenantAccess crossTenant;

	private final JsonMapper json;

	TenantAuditRecordsController(AuditManagement audit, TenantManagement tenants, CrossTenantAccess crossTenant,
			JsonMapper json) {
		this.audit = audit;
		this.tenants = tenants;
		this.crossTenant = crossTenant;
		this.json = json;
	}

	@RequiresPermission(value = AuditRecordsController.READ, caller = Caller.OPERATOR)
	@GetMapping
	@Operation(summary = "List a tenant's audit log",
			description = "Operators only. Newest first, a page at a time (cursor). Needs audit:read.")
	AuditPageResponse list(@PathVariable UUID tenantId, @ParameterObject AuditRecordsRequest request) {
		String actor = Permissions.operator();
		TenantId tenant = new TenantId(tenantId);
		AuditQuery query = request.toQuery();
		return acrossTenants(actor, tenant, "GET", "", () -> AuditPageResponse.of(audit.find(tenant, query)));
	}

	@RequiresPermission(value = AuditRecordsController.READ, caller = Caller.OPERATOR)
	@GetMapping("/export")
	@Operation(summary = "Export a tenant's audit log as JSON Lines",
			description = "Operators only. Every record matching the filters, newest first, streamed. Needs audit:read.",
			responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = JsonLinesExport.MEDIA_TYPE)))
	void export(@PathVariable UUID tenantId, @ParameterObject AuditRecordsRequest request, HttpServletResponse response)
			throws IOException {
		String actor = Permissions.operator();
		TenantId tenant = new TenantId(tenantId);
		AuditQuery query = request.toQuery();
		JsonLinesExport export = new JsonLinesExport(response, json, tenant);
		acrossTenants(actor, tenant, "GET", "/export", () -> {
			audit.export(tenant, query, export);
			return null;
		});
		export.finish();
	}

	@RequiresPermission(value = AuditRecordsController.READ, caller = Caller.OPERATOR)
	@PostMapping("/verification")
	@Operation(summary = "Verify a tenant's audit log's hash chain",
			description = "Operators only. Recomputes the chain and reports the first broken link. Needs audit:read.")
	ChainVerificationResponse verify(@PathVariable UUID tenantId) {
		String actor = Permissions.operator();
		TenantId tenant = new TenantId(tenantId);
		return acrossTenants(actor, tenant, "POST", "/verification",
				() -> ChainVerificationResponse.of(audit.verify(tenant)));
	}

	/** Runs the operator's work across tenants, with the endpoint as the reason. */
	private <T> T acrossTenants(String actor, TenantId tenant, String method, String path, Supplier<T> work) {
		return crossTenant.call(actor, "API " + method + " /api/v1/tenants/" + tenant + "/audit-records" + path, () -> {
			if (tenants.find(tenant).isEmpty()) {
				throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", tenant.toString());
			}
			return work.get();
		});
	}

}
