package io.octavia.core.authserver;

import java.util.List;

import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.Membership;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Which tenant a signed-in user acts in: a user with several memberships whose
 * authorization request names none picks one on a page; the choice becomes the request's
 * {@code tenant_id} parameter, which {@link TokenClaims} reads. Operators act as
 * operators unless the request names a tenant.
 */
@Component
class TenantChooser {

	/** A tenant the user may pick, with their role there. */
	record Choice(TenantId tenantId, String name, TenantRole role) {
	}

	private final IdentityManagement identity;

	private final TenantManagement tenants;

	TenantChooser(IdentityManagement identity, TenantManagement tenants) {
		this.identity = identity;
		this.tenants = tenants;
	}

	/** Whether the user must pick a tenant before the authorization request goes on. */
	boolean mustChoose(UserId user, String next) {
		var url = UriComponentsBuilder.fromUriString(next).build();
		if (!"/oauth2/authorize".equals(url.getPath())
				|| url.getQueryParams().containsKey(TokenClaims.TENANT_PARAMETER)) {
			return false;
		}
		boolean operator = identity.find(user).map(account -> !account.platformRoles().isEmpty()).orElse(true);
		return !operator && identity.membershipsOf(user).size() > 1;
	}

	/** The user's tenants, oldest membership first. */
	List<Choice> choices(UserId user) {
		return identity.membershipsOf(user)
			.stream()
			.map(membership -> new Choice(membership.tenantId(), name(membership), membership.role()))
			.toList();
	}

	/** The authorization request with the chosen tenant, if it is one of the user's. */
	String choose(UserId user, String authorizationRequest, TenantId tenant) {
		if (identity.membershipsOf(user).stream().map(Membership::tenantId).noneMatch(tenant::equals)) {
			throw new IllegalArgumentException("Not a member of the tenant");
		}
		return UriComponentsBuilder.fromUriString(authorizationRequest)
			.replaceQueryParam(TokenClaims.TENANT_PARAMETER, tenant.toString())
			.build(true)
			.toUriString();
	}

	private String name(Membership membership) {
		TenantId id = membership.tenantId();
		return TenantContext.call(TenantContext.Scope.tenant(id, "system:authserver"),
				() -> tenants.find(id).map(TenantDetails::name).orElse(id.toString()));
	}

}
