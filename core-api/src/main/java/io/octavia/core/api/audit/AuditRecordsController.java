package io.octavia.core.api.audit;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;

import io.octavia.core.audit.AuditManagement;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The caller's own audit log: a tenant's caller reads the tenant's, an operator (a caller
 * without a tenant) the platform's own log of cross-tenant access. Authority
 * {@code audit:read}.
 */
@RestController
@RequestMapping("/api/v1/audit-records")
@Tag(name = "Audit log", description = "Who did what, when and from where; tamper-evident")
class AuditRecordsController {

	static final String READ = "audit:read";

	private final AuditManagement audit;

	private final JsonMapper json;

	AuditRecordsController(AuditManagement audit, JsonMapper json) {
		this.audit = audit;
		this.json = json;
	}

	@RequiresPermission(value = READ, caller = Caller.EITHER)
	@GetMapping
	@Operation(summary = "List the own audit log",
			description = "Newest first, a page at a time (cursor). Needs audit:read. Operators get the platform's log.")
	AuditPageResponse list(@ParameterObject AuditRecordsRequest request) {
		TenantId log = ownLog();
		return AuditPageResponse.of(audit.find(log, request.toQuery()));
	}

	@RequiresPermission(value = READ, caller = Caller.EITHER)
	@GetMapping("/export")
	@Operation(summary = "Export the own audit log as JSON Lines",
			description = "Every record matching the filters, newest first, one JSON object per line, streamed. "
					+ "Needs audit:read.",
			responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = JsonLinesExport.MEDIA_TYPE)))
	void export(@ParameterObject AuditRecordsRequest request, HttpServletResponse response) throws IOException {
		TenantId log = ownLog();
		JsonLinesExport export = new JsonLinesExport(response, json, log);
		audit.export(log, request.toQuery(), export);
		export.finish();
	}

	@RequiresPermission(value = READ, caller = Caller.EITHER)
	@PostMapping("/verification")
	@Operation(summary = "Verify the own audit log's hash chain",
			description = "Recomputes the chain and reports the first broken link, if any. Needs audit:read.")
	ChainVerificationResponse verify() {
		TenantId log = ownLog();
		return ChainVerificationResponse.of(audit.verify(log));
	}

	/** The caller's tenant's log, or the platform's for an operator. */
	private static TenantId ownLog() {
		return TenantContext.tenantId().orElse(AuditManagement.PLATFORM);
	}

}
