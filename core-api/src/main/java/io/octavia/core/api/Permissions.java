package io.octavia.core.api;

import java.util.List;
import java.util.Map;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.web.RequiresPermission;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who may do what in the API. Each handler declares its caller kind and permission with
 * {@link RequiresPermission}, and {@link PermissionInterceptor} checks it before the
 * request is read: an operator acts for no tenant, a tenant's user, key or client for
 * exactly one. Refusals are the localized {@code forbidden} (or {@code tenant_required})
 * problem; an API key without the permission gets {@code scope_missing} naming the scope.
 */
public final class Permissions {

	private Permissions() {
	}

	/**
	 * The operator's actor name, for the audited cross-tenant path of a handler declared
	 * {@code caller = OPERATOR}.
	 */
	public static String operator() {
		return TenantContext.current().orElseThrow(Permissions::forbidden).actor();
	}

	/**
	 * What {@link RequiresPermission} declares.
	 * @throws DomainProblem {@code forbidden} or {@code tenant_required}
	 */
	static void require(RequiresPermission.Caller caller, String authority) {
		TenantContext.Scope scope = TenantContext.current().orElseThrow(Permissions::forbidden);
		switch (caller) {
			case OPERATOR -> {
				if (scope.tenantId() != null) {
					throw forbidden();
				}
			}
			case TENANT -> TenantContext.requireTenant();
			case EITHER -> {
				// each kind acts in its own scope
			}
		}
		if (!authority.equals(RequiresPermission.AUTHENTICATED) && !holds(authority)) {
			if (scope.actor().startsWith("key:")) {
				// an API key's owner can fix this by issuing a key with the scope: name
				// it
				throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "scope_missing", List.of(authority), List.of(),
						Map.of("scope", authority));
			}
			throw forbidden();
		}
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
