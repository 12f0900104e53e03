package io.octavia.core.api.identity;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.Permissions;
import io.octavia.core.identity.Impersonation;
import io.octavia.core.identity.ImpersonationManagement;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Support impersonation records, for operators holding {@code users:impersonate}:
 * starting one (with a reason, at most an hour), the active and recent ones, ending one.
 * Acting as the user happens in the tenant portal, from the operator console; these
 * endpoints keep the record and its audit trail.
 */
@RestController
@RequestMapping("/api/v1/operator/impersonations")
@Tag(name = "Impersonations (operators)", description = "Time-limited, audited support access as a tenant's user")
class OperatorImpersonationsController {

	private static final int RECENT = 50;

	private final ImpersonationManagement impersonations;

	private final CrossTenantAccess crossTenant;

	OperatorImpersonationsController(ImpersonationManagement impersonations, CrossTenantAccess crossTenant) {
		this.impersonations = impersonations;
		this.crossTenant = crossTenant;
	}

	@RequiresPermission(value = RolePermissions.IMPERSONATE, caller = Caller.OPERATOR)
	@PostMapping
	@Operation(summary = "Start an impersonation",
			description = "Of an active member of a tenant, with a reason of 10 to 500 characters, for 1 to 60 "
					+ "minutes (15 by default). Recorded in the platform's and the tenant's audit logs.")
	ResponseEntity<ImpersonationResponse> start(@RequestBody ImpersonationRequest request) {
		String actor = Permissions.operator();
		UserId operator = operatorId();
		if (request.userId() == null || request.tenantId() == null) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "member_not_found", String.valueOf(request.userId()));
		}
		Impersonation started = crossTenant.call(actor, "API POST /api/v1/operator/impersonations",
				() -> impersonations.start(operator, new TenantId(request.tenantId()), new UserId(request.userId()),
						request.reason(), request.minutes()));
		return ResponseEntity.created(URI.create("/api/v1/operator/impersonations/" + started.id()))
			.body(ImpersonationResponse.of(started));
	}

	@RequiresPermission(value = RolePermissions.IMPERSONATE, caller = Caller.OPERATOR)
	@GetMapping
	@Operation(summary = "Active and recent impersonations", description = "The newest 50, newest first.")
	List<ImpersonationResponse> recent() {
		return impersonations.recent(RECENT).stream().map(ImpersonationResponse::of).toList();
	}

	@RequiresPermission(value = RolePermissions.IMPERSONATE, caller = Caller.OPERATOR)
	@DeleteMapping("/{impersonationId}")
	@Operation(summary = "End an impersonation now")
	ImpersonationResponse end(@PathVariable UUID impersonationId) {
		return ImpersonationResponse.of(impersonations.end(impersonationId));
	}

	private static UserId operatorId() {
		UserId operator = TenantContext.current().map(TenantContext.Scope::userId).orElse(null);
		if (operator == null) {
			// an operator credential without a person behind it cannot act as anyone
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "forbidden");
		}
		return operator;
	}

	/**
	 * @param minutes 1 to 60; 15 when absent
	 */
	record ImpersonationRequest(@Nullable UUID userId, @Nullable UUID tenantId, @Nullable String reason,
			@Nullable Integer minutes) {
	}

	record ImpersonationResponse(UUID id, UUID operatorId, UUID userId, UUID tenantId, String reason, Instant startedAt,
			Instant endsAt, @Nullable Instant endedAt, boolean active) {

		static ImpersonationResponse of(Impersonation impersonation) {
			return new ImpersonationResponse(impersonation.id(), impersonation.operatorId().value(),
					impersonation.userId().value(), impersonation.tenantId().value(), impersonation.reason(),
					impersonation.startedAt(), impersonation.endsAt(), impersonation.endedAt(),
					impersonation.activeAt(Instant.now()));
		}

	}

}
