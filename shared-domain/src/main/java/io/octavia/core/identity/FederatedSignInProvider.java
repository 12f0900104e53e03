package io.octavia.core.identity;

import java.util.List;
import java.util.Locale;

import io.octavia.core.platform.TenantId;

/**
 * An enabled external provider as the sign-in needs it, with the client secret opened.
 * Only the built-in sign-in asks for it; it is never shown or logged.
 */
public record FederatedSignInProvider(TenantId tenantId, String displayName, String issuerUrl, String clientId,
		String clientSecret, List<String> allowedDomains, TenantRole jitRole) {

	/** Whether a (verified) address belongs to one of the allowed domains. */
	public boolean allows(String email) {
		int at = email.lastIndexOf('@');
		return at > 0 && allowedDomains.contains(email.substring(at + 1).toLowerCase(Locale.ROOT));
	}

	@Override
	public String toString() {
		return "FederatedSignInProvider[tenantId=" + tenantId + ", issuerUrl=" + issuerUrl + ", clientId=" + clientId
				+ "]";
	}

}
