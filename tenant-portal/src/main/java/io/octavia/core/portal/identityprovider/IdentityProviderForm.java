package io.octavia.core.portal.identityprovider;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.ConfigureIdentityProvider;
import io.octavia.core.identity.IdentityProvider;
import io.octavia.core.identity.TenantRole;

/**
 * The external identity provider form as the browser sends it; the domain validates. The
 * secret field is always shown empty: an empty field keeps the stored secret.
 *
 * @param allowedDomains one domain per line (or separated by commas or spaces)
 */
record IdentityProviderForm(@Nullable String displayName, @Nullable String issuerUrl, @Nullable String clientId,
		@Nullable String clientSecret, @Nullable String allowedDomains, @Nullable String jitRole,
		@Nullable Boolean enabled) {

	static IdentityProviderForm empty() {
		return new IdentityProviderForm("", "https://", "", "", "", TenantRole.VIEWER.value(), true);
	}

	static IdentityProviderForm of(IdentityProvider provider) {
		return new IdentityProviderForm(provider.displayName(), provider.issuerUrl(), provider.clientId(), "",
				String.join("\n", provider.allowedDomains()), provider.jitRole().value(), provider.enabled());
	}

	ConfigureIdentityProvider toCommand() {
		List<String> domains = (allowedDomains == null) ? List.of()
				: Arrays.stream(allowedDomains.split("[\\s,;]+")).filter(domain -> !domain.isBlank()).toList();
		return new ConfigureIdentityProvider(displayName, issuerUrl, clientId, clientSecret, domains, jitRole,
				Boolean.TRUE.equals(enabled));
	}

	/** Without the secret: the form goes back to the browser after a refusal. */
	IdentityProviderForm withoutSecret() {
		return new IdentityProviderForm(displayName, issuerUrl, clientId, "", allowedDomains, jitRole, enabled);
	}

	@Override
	public String toString() {
		return "IdentityProviderForm[issuerUrl=" + issuerUrl + ", clientId=" + clientId + "]";
	}

}
