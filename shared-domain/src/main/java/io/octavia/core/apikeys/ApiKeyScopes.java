package io.octavia.core.apikeys;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.octavia.core.identity.RolePermissions;

/**
 * The scopes a key may hold: the tenant permissions of {@link RolePermissions}, named
 * {@code resource:action}. A key never holds more than the permissions of whoever created
 * it.
 */
public final class ApiKeyScopes {

	/**
	 * A scope with the message key of its description, for scope pickers.
	 */
	public record ApiKeyScope(String name, String descriptionKey) {

		static ApiKeyScope of(String name) {
			return new ApiKeyScope(name, "apikeys.scope." + name.replace(':', '.'));
		}

	}

	public static final List<ApiKeyScope> ALL = List.of(ApiKeyScope.of(RolePermissions.LEDGER_READ),
			ApiKeyScope.of(RolePermissions.LEDGER_WRITE), ApiKeyScope.of(RolePermissions.LEDGER_ADMIN),
			ApiKeyScope.of(RolePermissions.BILLING_READ), ApiKeyScope.of(RolePermissions.BILLING_WRITE),
			ApiKeyScope.of(RolePermissions.NOTIFICATIONS_READ), ApiKeyScope.of(RolePermissions.NOTIFICATIONS_SEND),
			ApiKeyScope.of(RolePermissions.KEYS_READ), ApiKeyScope.of(RolePermissions.KEYS_MANAGE),
			ApiKeyScope.of(RolePermissions.TENANT_READ), ApiKeyScope.of(RolePermissions.TENANT_WRITE),
			ApiKeyScope.of(RolePermissions.BRANDS_READ), ApiKeyScope.of(RolePermissions.BRANDS_WRITE),
			ApiKeyScope.of(RolePermissions.USERS_READ), ApiKeyScope.of(RolePermissions.USERS_MANAGE),
			ApiKeyScope.of(RolePermissions.CLIENTS_MANAGE), ApiKeyScope.of(RolePermissions.AUDIT_READ));

	public static final Set<String> NAMES = ALL.stream().map(ApiKeyScope::name).collect(Collectors.toUnmodifiableSet());

	private ApiKeyScopes() {
	}

}
