package io.octavia.core.authserver;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.UserProfile;
import io.octavia.core.platform.UserId;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.stereotype.Component;

/**
 * What the OIDC userinfo endpoint tells about the holder of an access token, read from
 * the account as it is now: {@code sub}; with scope {@code profile} {@code name},
 * {@code locale} and {@code zoneinfo}; with scope {@code email} {@code email} and
 * {@code email_verified}; and the {@code tenant_id} the token acts in.
 */
@Component
class UserInfoClaims implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private final IdentityManagement identity;

	UserInfoClaims(IdentityManagement identity) {
		this.identity = identity;
	}

	@Override
	public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
		OAuth2Authorization authorization = context.getAuthorization();
		UserProfile profile = identity.profile(UserId.of(authorization.getPrincipalName()));
		Set<String> scopes = context.getAccessToken().getScopes();
		OidcUserInfo.Builder info = OidcUserInfo.builder().subject(profile.id().toString());
		if (scopes.contains(OidcScopes.PROFILE)) {
			info.name(profile.displayName())
				.locale(profile.locale().toLanguageTag())
				.zoneinfo(profile.timeZone().getId());
		}
		if (scopes.contains(OidcScopes.EMAIL)) {
			info.email(profile.email()).emailVerified(profile.emailVerified());
		}
		OAuth2Authorization.Token<?> accessToken = authorization.getAccessToken();
		Map<String, Object> claims = (accessToken != null) ? accessToken.getClaims() : null;
		if (claims != null && claims.get("tenant_id") != null) {
			info.claim("tenant_id", claims.get("tenant_id"));
		}
		return info.build();
	}

}
