package io.octavia.core.api.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.JsonMergePatch;
import io.octavia.core.api.Permissions;
import io.octavia.core.api.identity.Responses.MemberPageResponse;
import io.octavia.core.api.identity.Responses.MemberResponse;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.MemberQuery;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The members of the caller's tenant: {@code users:read} to list, {@code users:manage} to
 * change. A user of another tenant is 404 {@code member_not_found}, exactly like one that
 * does not exist.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Users", description = "The members of your tenant: roles, removal, disabling; the security policy")
class UsersController {

	private final IdentityManagement identity;

	UsersController(IdentityManagement identity) {
		this.identity = identity;
	}

	/**
	 * @param role owner, admin, developer, billing or viewer
	 */
	record MemberPatchRequest(@Schema(example = "developer") @Nullable String role) {
	}

	/**
	 * @param mfaRequired whether every member must sign in with a second factor
	 */
	record SecurityPolicy(boolean mfaRequired) {
	}

	@RequiresPermission(value = RolePermissions.USERS_READ, caller = Caller.TENANT)
	@GetMapping("/users")
	@Operation(summary = "List the members",
			description = "Oldest first (then by id), a page at a time: pass nextCursor as cursor for the next page.")
	MemberPageResponse list(
			@Parameter(description = "owner, admin, developer, billing or viewer") @RequestParam(
					required = false) @Nullable String role,
			@Parameter(description = "active or disabled (the membership)") @RequestParam(
					required = false) @Nullable String status,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "page size, 1 to 100") @RequestParam(
					defaultValue = "" + MemberQuery.DEFAULT_LIMIT) int limit) {
		TenantId tenant = TenantContext.requireTenant();
		MemberQuery query = new MemberQuery(Requests.optionalRole(role, "role"),
				Requests.optionalStatus(status, "status"), cursor, Requests.limit(limit, MemberQuery.MAX_LIMIT));
		return MemberPageResponse.of(identity.members(tenant, query));
	}

	@RequiresPermission(value = RolePermissions.USERS_READ, caller = Caller.TENANT)
	@GetMapping("/users/{userId}")
	@Operation(summary = "Get a member")
	MemberResponse get(@PathVariable UserId userId) {
		TenantId tenant = TenantContext.requireTenant();
		return MemberResponse.of(identity.member(tenant, userId));
	}

	@RequiresPermission(value = RolePermissions.USERS_MANAGE, caller = Caller.TENANT)
	@PatchMapping(path = "/users/{userId}", consumes = { JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Change a member's role",
			description = "Only an owner makes or unmakes owners (403 owner_required). Demoting the last active owner "
					+ "is 409 last_owner, also when two requests race.")
	MemberResponse update(@PathVariable UserId userId, @RequestBody MemberPatchRequest patch) {
		TenantId tenant = TenantContext.requireTenant();
		if (patch.role() == null) {
			return MemberResponse.of(identity.member(tenant, userId));
		}
		return MemberResponse.of(identity.changeRole(tenant, userId, Requests.role(patch.role(), "role")));
	}

	@RequiresPermission(value = RolePermissions.USERS_MANAGE, caller = Caller.TENANT)
	@DeleteMapping("/users/{userId}")
	@Operation(summary = "Remove a member from the tenant",
			description = "The account stays, with its other memberships. Removing the last active owner is 409 "
					+ "last_owner.")
	ResponseEntity<Void> remove(@PathVariable UserId userId) {
		TenantId tenant = TenantContext.requireTenant();
		identity.removeMember(tenant, userId);
		return ResponseEntity.noContent().build();
	}

	@RequiresPermission(value = RolePermissions.USERS_MANAGE, caller = Caller.TENANT)
	@PostMapping("/users/{userId}/disable")
	@Operation(summary = "Disable a member in this tenant",
			description = "The membership grants nothing until enabled again; the account and its other tenants are "
					+ "unaffected. Disabling the last active owner is 409 last_owner.")
	MemberResponse disable(@PathVariable UserId userId) {
		TenantId tenant = TenantContext.requireTenant();
		return MemberResponse.of(identity.changeMemberStatus(tenant, userId, UserStatus.DISABLED));
	}

	@RequiresPermission(value = RolePermissions.USERS_MANAGE, caller = Caller.TENANT)
	@PostMapping("/users/{userId}/enable")
	@Operation(summary = "Enable a disabled member again")
	MemberResponse enable(@PathVariable UserId userId) {
		TenantId tenant = TenantContext.requireTenant();
		return MemberResponse.of(identity.changeMemberStatus(tenant, userId, UserStatus.ACTIVE));
	}

	@RequiresPermission(value = RolePermissions.TENANT_READ, caller = Caller.TENANT)
	@GetMapping("/security-policy")
	@Operation(summary = "Get the tenant's sign-in policy")
	SecurityPolicy policy() {
		TenantId tenant = TenantContext.requireTenant();
		return new SecurityPolicy(identity.mfaRequired(tenant));
	}

	@RequiresPermission(value = RolePermissions.USERS_MANAGE, caller = Caller.TENANT)
	@PutMapping("/security-policy")
	@Operation(summary = "Set the tenant's sign-in policy",
			description = "With mfaRequired, members without a second factor are sent to enrol one at their next "
					+ "sign-in.")
	SecurityPolicy setPolicy(@RequestBody SecurityPolicy policy) {
		TenantId tenant = TenantContext.requireTenant();
		identity.requireMfa(tenant, policy.mfaRequired());
		return new SecurityPolicy(identity.mfaRequired(tenant));
	}

}
