package io.octavia.core.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * The consoles' signed-in user: the OIDC sign-in at the built-in issuer left an ID token
 * in the session, whose claims (user, tenant, permissions) become the same
 * {@link AuthenticatedCaller} an access token would give, so the gateway, the permission
 * checks and the consoles see the same authorities. Never for {@code /api/**}: the API
 * takes no cookies (and so needs no CSRF protection). A sign-in older than the absolute
 * session timeout ends the session.
 */
@Component
@Order(20)
class ConsoleSessionAuthenticator implements Authenticator {

	private final Duration absoluteTimeout;

	ConsoleSessionAuthenticator(@Value("${octavia.console.session-absolute-timeout:12h}") Duration absoluteTimeout) {
		this.absoluteTimeout = absoluteTimeout;
	}

	@Override
	public Optional<AuthenticatedCaller> authenticate(HttpServletRequest request) {
		if (request.getRequestURI().startsWith("/api/")) {
			return Optional.empty();
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof OAuth2AuthenticationToken token)
				|| !(token.getPrincipal() instanceof OidcUser user)) {
			return Optional.empty();
		}
		Instant signedIn = user.getIssuedAt();
		if (signedIn == null || signedIn.plus(absoluteTimeout).isBefore(Instant.now())) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			SecurityContextHolder.clearContext();
			return Optional.empty();
		}
		String tenant = user.getClaimAsString("tenant_id");
		List<String> permissions = user.getClaimAsStringList("permissions");
		return Optional.of(new AuthenticatedCaller((tenant != null) ? TenantId.of(tenant) : null, null,
				UserId.of(user.getSubject()), "user:" + user.getSubject(),
				(permissions != null) ? Set.copyOf(permissions) : Set.of()));
	}

}
