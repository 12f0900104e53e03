package io.octavia.core.authserver;

import java.util.List;
import java.util.Optional;

import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;

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
		return !operator && choices(user).size() > 1;
	}

	/**
	 * The user's tenants that are active, oldest membership first: a suspended or closed
	 * tenant would get no tokens anyway.
	 */
	List<Choice> choices(UserId user) {
		return identity.membershipsOf(user)
			.stream()
			.flatMap(membership -> active(membership.tenantId())
				.map(tenant -> new Choice(membership.tenantId(), tenant.name(), membership.role()))
				.stream())
			.toList();
	}

	/**
	 * The authorization request with the chosen tenant, if it is one of the user's active
	 * ones.
	 */
	String choose(UserId user, String authorizationRequest, TenantId tenant) {
		if (choices(user).stream().map(Choice::tenantId).noneMatch(tenant::equals)) {
			throw new IllegalArgumentException("Not a member of an active tenant");
		}
		return UriComponentsBuilder.fromUriString(authorizationRequest)
			.replaceQueryParam(TokenClaims.TENANT_PARAMETER, tenant.toString())
			.build(true)
			.toUriString();
	}

	private Optional<TenantDetails> active(TenantId id) {
		return TenantContext.call(TenantContext.Scope.tenant(id, "system:authserver"),
				() -> tenants.find(id).filter(tenant -> tenant.status() == TenantStatus.ACTIVE));
	}

}
