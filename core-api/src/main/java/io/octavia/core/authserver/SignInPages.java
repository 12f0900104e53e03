package io.octavia.core.authserver;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandConfiguration;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.TenantContext;

import org.springframework.stereotype.Component;

/** What the issuer's pages share: their paths and the brand they wear. */
@Component
public class SignInPages {

	static final String CONSENT = "/signin/consent";

	private final BrandManagement brands;

	SignInPages(BrandManagement brands) {
		this.brands = brands;
	}

	/** The brand owning the request's host name, or null for the platform's own look. */
	public @Nullable BrandConfiguration brand(HttpServletRequest request) {
		String host = request.getServerName();
		if (host == null) {
			return null;
		}
		return brands.resolveHostname(host.toLowerCase(Locale.ROOT))
			.map(resolved -> TenantContext.call(TenantContext.Scope.tenant(resolved.tenantId(), "system:authserver"),
					() -> brands.configuration(resolved.brandId())))
			.orElse(null);
	}

}
