package io.octavia.core.authserver;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.octavia.core.authserver.federation.FederatedSessions;
import io.octavia.core.platform.UserId;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends a signed-in user of several tenants whose authorization request names no tenant
 * to the tenant chooser first, whether they just signed in or were signed in already. A
 * request with {@code prompt=none} may show no page: it acts in the oldest membership.
 */
class TenantChoiceFilter extends OncePerRequestFilter {

	private final TenantChooser chooser;

	private final SignInSession session;

	TenantChoiceFilter(TenantChooser chooser, SignInSession session) {
		this.chooser = chooser;
		this.session = session;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		UserId user = signedIn();
		// a sign-in through a tenant's own identity provider is confined to that tenant:
		// there is nothing to choose
		boolean federated = FederatedSessions
			.confinedTenant(SecurityContextHolder.getContext().getAuthentication()) != null;
		if (user != null && !federated && "GET".equals(request.getMethod())
				&& !"none".equals(request.getParameter("prompt"))) {
			String authorizationRequest = request.getRequestURL()
					+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
			if (chooser.mustChoose(user, authorizationRequest)) {
				session.awaitTenantChoice(request, authorizationRequest);
				response.sendRedirect("/signin/tenant");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"/oauth2/authorize".equals(request.getRequestURI());
	}

	private static UserId signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			return null;
		}
		try {
			return UserId.of(authentication.getName());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
