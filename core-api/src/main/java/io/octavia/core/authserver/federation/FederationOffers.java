package io.octavia.core.authserver.federation;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.octavia.core.authserver.SignInSession;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.identity.IdentityProviderManagement;
import io.octavia.core.platform.TenantId;

import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which tenant's provider the sign-in page offers: the tenant named by {@code tenant_id}
 * on the waiting authorization request, else the tenant owning the request's host name.
 */
@Component
public class FederationOffers {

	static final String START = "/signin/federation/";

	/**
	 * On by default: a provider vouches only for addresses of domains its tenant proved
	 * to own with a DNS record. A platform may still turn sign-in through tenants'
	 * providers off altogether.
	 */
	public static final String ENABLED = "octavia.identity.federation.enabled";

	private static final String TENANT_PARAMETER = "tenant_id";

	private final IdentityProviderManagement providers;

	private final BrandManagement brands;

	private final SignInSession session;

	private final boolean enabled;

	FederationOffers(IdentityProviderManagement providers, BrandManagement brands, SignInSession session,
			@Value("${" + ENABLED + ":true}") boolean enabled) {
		this.enabled = enabled;
		this.providers = providers;
		this.brands = brands;
		this.session = session;
	}

	/**
	 * Whether sign-in through tenants' own identity providers is on for this platform.
	 */
	public boolean enabled() {
		return enabled;
	}

	public @Nullable FederationOffer offer(HttpServletRequest request, HttpServletResponse response) {
		if (!enabled) {
			return null;
		}
		return tenant(request, response).flatMap(providers::forSignIn)
			.map(provider -> new FederationOffer(provider.displayName(), START + provider.tenantId()))
			.orElse(null);
	}

	private Optional<TenantId> tenant(HttpServletRequest request, HttpServletResponse response) {
		SavedRequest saved = session.requestCache().getRequest(request, response);
		String[] named = (saved != null) ? saved.getParameterValues(TENANT_PARAMETER) : null;
		if (named != null && named.length == 1) {
			try {
				return Optional.of(TenantId.of(named[0].strip()));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}
		String host = request.getServerName();
		return (host != null)
				? brands.resolveHostname(host.toLowerCase(Locale.ROOT)).map(resolved -> resolved.tenantId())
				: Optional.empty();
	}

}
