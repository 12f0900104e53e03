package io.octavia.core.authserver.federation;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.TenantId;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A sign-in through a tenant's provider counts for that tenant only. The provider is
 * configured by the tenant's own administrators and vouches for addresses of domains they
 * chose, so the session it creates must not reach the account's other tenants or its
 * platform roles: the issuer's tokens for it name that tenant and nothing else.
 */
public final class FederatedSessions {

	private static final String PREFIX = "FEDERATED_TENANT_";

	private FederatedSessions() {
	}

	/**
	 * The tenant a sign-in is confined to, or null for a sign-in at the issuer itself.
	 */
	public static @Nullable TenantId confinedTenant(@Nullable Authentication signIn) {
		if (signIn == null) {
			return null;
		}
		return signIn.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority != null && authority.startsWith(PREFIX))
			.map(authority -> TenantId.of(authority.substring(PREFIX.length())))
			.findFirst()
			.orElse(null);
	}

	/** The sign-in, confined to the tenant whose provider vouched for it. */
	public static Authentication confine(Authentication signIn, TenantId tenant) {
		List<GrantedAuthority> authorities = new ArrayList<>(signIn.getAuthorities());
		authorities.add(new SimpleGrantedAuthority(PREFIX + tenant));
		return UsernamePasswordAuthenticationToken.authenticated(signIn.getPrincipal(), null, authorities);
	}

}
