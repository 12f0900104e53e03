package io.octavia.core.admin.users;

import java.util.List;

import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.TenantId;

/**
 * An account as the operator's search shows it, with its memberships in every tenant.
 */
record AccountRow(UserSummary user, List<MembershipRow> memberships) {

	/**
	 * @param tenantName the tenant's name, or its id when the tenant is gone
	 */
	record MembershipRow(TenantId tenantId, String tenantName, TenantRole role, UserStatus status) {
	}

}
