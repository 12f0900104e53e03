package io.octavia.core.identity;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a tenant sets for its external identity provider.
 *
 * @param clientSecret the new secret; {@code null} or blank keeps the stored one
 * (required the first time)
 * @param jitRole the role of members who join just in time; {@code null} means
 * {@code viewer}, {@code owner} is refused
 */
public record ConfigureIdentityProvider(@Nullable String displayName, @Nullable String issuerUrl,
		@Nullable String clientId, @Nullable String clientSecret, @Nullable List<String> allowedDomains,
		@Nullable String jitRole, boolean enabled) {

	@Override
	public String toString() {
		return "ConfigureIdentityProvider[displayName=" + displayName + ", issuerUrl=" + issuerUrl + ", clientId="
				+ clientId + ", allowedDomains=" + allowedDomains + ", jitRole=" + jitRole + ", enabled=" + enabled
				+ "]";
	}

}
