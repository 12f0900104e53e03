package io.octavia.core.api;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The one way API controllers check who may do what, first thing in every handler: the
 * caller's kind (an operator acts for no tenant, a tenant's user or key for exactly one)
 * and one authority per endpoint, such as {@code tenants:write}. Refusals are the
 * {@code forbidden} (or {@code tenant_required}) problem. Checks in code rather than
 * method-security annotations keep the refusal a localized problem like every other and
 * put the rule next to the code it guards.
 */
public final class Permissions {

	private Permissions() {
	}

	/**
	 * Requires a platform operator (a caller without a tenant) holding {@code authority}.
	 * @return the operator's actor name, for the audited cross-tenant path
	 * @throws DomainProblem {@code forbidden}
	 */
	public static String operator(String authority) {
		TenantContext.Scope scope = TenantContext.current().orElse(null);
		if (scope == null || scope.tenantId() != null || !holds(authority)) {
			throw forbidden();
		}
		return scope.actor();
	}

	/**
	 * Requires a caller of a tenant holding {@code authority}.
	 * @return the caller's tenant
	 * @throws DomainProblem {@code tenant_required} for an operator, {@code forbidden}
	 * without the authority
	 */
	public static TenantId tenant(String authority) {
		TenantId tenant = TenantContext.requireTenant();
		if (!holds(authority)) {
			throw forbidden();
		}
		return tenant;
	}

	private static boolean holds(String authority) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& authentication.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.anyMatch(authority::equals);
	}

	private static DomainProblem forbidden() {
		return new DomainProblem(DomainProblem.Kind.FORBIDDEN, "forbidden");
	}

}
