package io.octavia.core.platform.web;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * How console controllers check who may do what, first thing in every handler, like the
 * API's {@code Permissions}: the caller's kind (an operator acts for no tenant, a
 * tenant's user for exactly one) and one authority. Refusals are problems the consoles
 * render as their localized error page: {@code unauthorized} without a caller,
 * {@code forbidden} or {@code tenant_required} otherwise. The security filter chain lets
 * console pages through, so this check is what guards them.
 */
public final class ConsolePermissions {

	private ConsolePermissions() {
	}

	/**
	 * Requires a platform operator holding {@code authority}.
	 * @return the operator's actor name, for the audited cross-tenant path
	 */
	public static String operator(String authority) {
		TenantContext.Scope scope = caller();
		if (scope.tenantId() != null || !holds(authority)) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "forbidden");
		}
		return scope.actor();
	}

	/**
	 * Requires a caller of a tenant holding {@code authority}.
	 * @return the caller's tenant
	 */
	public static TenantId tenant(String authority) {
		TenantId tenant = caller().tenantId();
		if (tenant == null) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "tenant_required");
		}
		if (!holds(authority)) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "forbidden");
		}
		return tenant;
	}

	/** Whether the caller holds {@code authority}: to show or hide an action. */
	public static boolean holds(String authority) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& authentication.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.anyMatch(authority::equals);
	}

	private static TenantContext.Scope caller() {
		return TenantContext.current()
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "unauthorized"));
	}

}
