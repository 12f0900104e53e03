package io.octavia.core.identity;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place that maps roles to named permissions ({@code resource:action}). API
 * endpoints and console actions check permissions, never roles, so changing what a role
 * may do is an edit here. Operator permissions ({@code tenants:*}) act across tenants;
 * tenant permissions act inside the caller's own tenant.
 */
public final class RolePermissions {

	// operators: every tenant
	public static final String TENANTS_READ = "tenants:read";

	public static final String TENANTS_WRITE = "tenants:write";

	public static final String IMPERSONATE = "users:impersonate";

	// a tenant's own settings
	public static final String TENANT_READ = "tenant:read";

	public static final String TENANT_WRITE = "tenant:write";

	// both kinds: the operator's act on any tenant, a tenant user's on their own
	public static final String BRANDS_READ = "brands:read";

	public static final String BRANDS_WRITE = "brands:write";

	public static final String AUDIT_READ = "audit:read";

	public static final String USERS_READ = "users:read";

	public static final String USERS_MANAGE = "users:manage";

	public static final String CLIENTS_MANAGE = "clients:manage";

	public static final String KEYS_READ = "keys:read";

	public static final String KEYS_MANAGE = "keys:manage";

	public static final String BILLING_READ = "billing:read";

	public static final String BILLING_WRITE = "billing:write";

	public static final String LEDGER_READ = "ledger:read";

	public static final String LEDGER_WRITE = "ledger:write";

	/** Ledgers and accounting periods: creating them, closing and reopening periods. */
	public static final String LEDGER_ADMIN = "ledger:admin";

	public static final String NOTIFICATIONS_READ = "notifications:read";

	public static final String NOTIFICATIONS_SEND = "notifications:send";

	private static final Set<String> TENANT_READS = Set.of(TENANT_READ, BRANDS_READ, AUDIT_READ, USERS_READ, KEYS_READ,
			BILLING_READ, LEDGER_READ, NOTIFICATIONS_READ);

	private static final Set<String> TENANT_ALL = union(TENANT_READS, Set.of(TENANT_WRITE, BRANDS_WRITE, USERS_MANAGE,
			CLIENTS_MANAGE, KEYS_MANAGE, BILLING_WRITE, LEDGER_WRITE, LEDGER_ADMIN, NOTIFICATIONS_SEND));

	private RolePermissions() {
	}

	public static Set<String> of(TenantRole role) {
		return switch (role) {
			case OWNER, ADMIN -> TENANT_ALL;
			case DEVELOPER ->
				union(TENANT_READS, Set.of(KEYS_MANAGE, CLIENTS_MANAGE, NOTIFICATIONS_SEND, LEDGER_WRITE));
			case BILLING -> Set.of(TENANT_READ, BRANDS_READ, AUDIT_READ, BILLING_READ, BILLING_WRITE, LEDGER_READ);
			case VIEWER -> TENANT_READS;
		};
	}

	public static Set<String> of(PlatformRole role) {
		return switch (role) {
			case PLATFORM_ADMIN -> union(TENANT_ALL, Set.of(TENANTS_READ, TENANTS_WRITE, IMPERSONATE));
			case SUPPORT -> union(TENANT_READS, Set.of(TENANTS_READ, IMPERSONATE));
			case FINANCE -> Set.of(TENANTS_READ, AUDIT_READ, BILLING_READ, BILLING_WRITE, LEDGER_READ, LEDGER_WRITE);
		};
	}

	/** The permissions of several platform roles together (an operator may hold more). */
	public static Set<String> ofPlatformRoles(Collection<PlatformRole> roles) {
		Set<String> permissions = new TreeSet<>();
		roles.forEach(role -> permissions.addAll(of(role)));
		return Set.copyOf(permissions);
	}

	/** Every permission that exists, for scope pickers and the endpoint coverage test. */
	public static Set<String> all() {
		return union(TENANT_ALL, Set.of(TENANTS_READ, TENANTS_WRITE, IMPERSONATE));
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> union = new TreeSet<>(first);
		union.addAll(second);
		return Set.copyOf(union);
	}

}
