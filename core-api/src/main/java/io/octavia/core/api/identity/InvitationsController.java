package io.octavia.core.api.identity;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.Permissions;
import io.octavia.core.api.identity.Responses.InvitationPageResponse;
import io.octavia.core.api.identity.Responses.InvitationResponse;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.Invitation;
import io.octavia.core.identity.MemberQuery;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Invitations into the caller's tenant: {@code users:manage}. */
@RestController
@RequestMapping("/api/v1/invitations")
@Tag(name = "Invitations", description = "Invite people into your tenant by e-mail; list and revoke invitations")
class InvitationsController {

	private final IdentityManagement identity;

	InvitationsController(IdentityManagement identity) {
		this.identity = identity;
	}

	/**
	 * @param role owner, admin, developer, billing or viewer
	 */
	record InvitationRequest(@Schema(example = "ada@example.com") @Nullable String email,
			@Schema(example = "developer") @Nullable String role) {
	}

	@RequiresPermission(value = RolePermissions.USERS_MANAGE, caller = Caller.TENANT)
	@PostMapping
	@Operation(summary = "Invite someone",
			description = "Mails a single-use link that works for octavia.identity.invitation-ttl (7 days by default). "
					+ "Send an Idempotency-Key: a retry with the same key returns the first answer and sends no "
					+ "second mail. Inviting an owner takes an owner (403 owner_required); an existing member is 409 "
					+ "membership_exists.")
	// the header is handled by the API's idempotency filter; declared here for the
	// documentation
	@Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key",
			description = "makes retries safe: the same key never sends a second mail")
	ResponseEntity<InvitationResponse> invite(@RequestBody InvitationRequest request) {
		TenantId tenant = TenantContext.requireTenant();
		Invitation invitation = identity.invite(tenant, (request.email() != null) ? request.email() : "",
				Requests.role(request.role(), "role"));
		return ResponseEntity.created(URI.create("/api/v1/invitations/" + invitation.id()))
			.body(InvitationResponse.of(invitation));
	}

	@RequiresPermission(value = RolePermissions.USERS_MANAGE, caller = Caller.TENANT)
	@GetMapping
	@Operation(summary = "List invitations",
			description = "Every invitation with its status (pending, accepted, revoked, expired), oldest first, "
					+ "a page at a time.")
	InvitationPageResponse list(
			@Parameter(description = "nextCursor of the previous page") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "page size, 1 to 100") @RequestParam(
					defaultValue = "" + MemberQuery.DEFAULT_LIMIT) int limit) {
		TenantId tenant = TenantContext.requireTenant();
		return InvitationPageResponse
			.of(identity.invitations(tenant, cursor, Requests.limit(limit, MemberQuery.MAX_LIMIT)));
	}

	@RequiresPermission(value = RolePermissions.USERS_MANAGE, caller = Caller.TENANT)
	@DeleteMapping("/{invitationId}")
	@Operation(summary = "Revoke a pending invitation",
			description = "Its link stops working. An invitation no longer pending is 409 invitation_not_pending.")
	ResponseEntity<Void> revoke(@PathVariable UUID invitationId) {
		TenantId tenant = TenantContext.requireTenant();
		identity.revokeInvitation(tenant, invitationId);
		return ResponseEntity.noContent().build();
	}

}
