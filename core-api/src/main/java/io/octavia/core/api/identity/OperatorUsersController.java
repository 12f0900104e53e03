package io.octavia.core.api.identity;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.octavia.core.api.Permissions;
import io.octavia.core.api.identity.Responses.UserResponse;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.MemberQuery;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.UserId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts across every tenant, for platform operators: {@code users:read} to search,
 * {@code users:manage} to disable or enable an account. Memberships are read through the
 * audited {@link CrossTenantAccess}.
 */
@RestController
@RequestMapping("/api/v1/operator/users")
@Tag(name = "Users (operators)", description = "Find accounts across tenants; disable and enable them")
class OperatorUsersController {

	private final IdentityManagement identity;

	private final CrossTenantAccess crossTenant;

	OperatorUsersController(IdentityManagement identity, CrossTenantAccess crossTenant) {
		this.identity = identity;
		this.crossTenant = crossTenant;
	}

	@RequiresPermission(value = RolePermissions.USERS_READ, caller = Caller.OPERATOR)
	@GetMapping
	@Operation(summary = "Search accounts by e-mail address",
			description = "Accounts whose address starts with email (ignoring case), by address, with their "
					+ "memberships in every tenant.")
	List<UserResponse> search(@Parameter(description = "start of the e-mail address") @RequestParam String email,
			@Parameter(description = "at most this many, 1 to 100") @RequestParam(
					defaultValue = "" + MemberQuery.DEFAULT_LIMIT) int limit) {
		String actor = Permissions.operator();
		int max = Requests.limit(limit, MemberQuery.MAX_LIMIT);
		return crossTenant.call(actor, "API GET /api/v1/operator/users",
				() -> identity.searchByEmail(email, max)
					.stream()
					.map(user -> UserResponse.of(user, identity.allMembershipsOf(user.id())))
					.toList());
	}

	@RequiresPermission(value = RolePermissions.USERS_MANAGE, caller = Caller.OPERATOR)
	@PostMapping("/{userId}/disable")
	@Operation(summary = "Disable an account", description = "It can no longer sign in, in any tenant.")
	UserResponse disable(@PathVariable UserId userId) {
		return changeStatus(userId, UserStatus.DISABLED, "disable");
	}

	@RequiresPermission(value = RolePermissions.USERS_MANAGE, caller = Caller.OPERATOR)
	@PostMapping("/{userId}/enable")
	@Operation(summary = "Enable a disabled account again")
	UserResponse enable(@PathVariable UserId userId) {
		return changeStatus(userId, UserStatus.ACTIVE, "enable");
	}

	private UserResponse changeStatus(UserId userId, UserStatus status, String action) {
		String actor = Permissions.operator();
		return crossTenant.call(actor, "API POST /api/v1/operator/users/" + userId + "/" + action, () -> {
			if (identity.find(userId).isEmpty()) {
				throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "user_not_found", userId.toString());
			}
			return UserResponse.of(identity.changeAccountStatus(userId, status), identity.allMembershipsOf(userId));
		});
	}

}
