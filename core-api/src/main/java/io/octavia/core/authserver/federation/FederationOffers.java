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
import org.springframework.stereotype.Component;

/**
 * Which tenant's provider the sign-in page offers: the tenant named by {@code tenant_id}
 * on the waiting authorization request, else the tenant owning the request's host name.
 */
@Component
public class FederationOffers {

	static final String START = "/signin/federation/";

	private static final String TENANT_PARAMETER = "tenant_id";

	private final IdentityProviderManagement providers;

	private final BrandManagement brands;

	private final SignInSession session;

	FederationOffers(IdentityProviderManagement providers, BrandManagement brands, SignInSession session) {
		this.providers = providers;
		this.brands = brands;
		this.session = session;
	}

	public @Nullable FederationOffer offer(HttpServletRequest request, HttpServletResponse response) {
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
