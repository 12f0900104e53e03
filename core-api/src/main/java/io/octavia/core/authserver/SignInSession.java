package io.octavia.core.authserver;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.octavia.core.authserver.federation.FederatedSessions;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * The issuer's own state in the HTTP session, under attribute names no other chain uses:
 * who signed in at the issuer, the authorization request waiting for that sign-in, and a
 * password-checked user still owing a second factor.
 */
@Component
public class SignInSession {

	static final String CONTEXT_ATTRIBUTE = "OCTAVIA_ISSUER_SECURITY_CONTEXT";

	private static final String SAVED_REQUEST_ATTRIBUTE = "OCTAVIA_ISSUER_SAVED_REQUEST";

	private static final String PENDING_SECOND_FACTOR = "OCTAVIA_ISSUER_PENDING_SECOND_FACTOR";

	private static final String PENDING_ENROLMENT = "OCTAVIA_ISSUER_PENDING_ENROLMENT";

	private static final String PENDING_TENANT_CHOICE = "OCTAVIA_ISSUER_PENDING_TENANT_CHOICE";

	private static final String PENDING_FEDERATED_TENANT = "OCTAVIA_ISSUER_PENDING_FEDERATED_TENANT";

	/** The factor of a sign-in at a tenant's external identity provider. */
	public static final String FEDERATED_FACTOR = "FEDERATED";

	private final HttpSessionSecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

	private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();

	SignInSession() {
		contextRepository.setSpringSecurityContextKey(CONTEXT_ATTRIBUTE);
		requestCache.setSessionAttrName(SAVED_REQUEST_ATTRIBUTE);
		requestCache.setMatchingRequestParameterName(null);
	}

	public HttpSessionSecurityContextRepository contextRepository() {
		return contextRepository;
	}

	public RequestCache requestCache() {
		return requestCache;
	}

	void awaitSecondFactor(HttpServletRequest request, UserId user) {
		awaitSecondFactor(request, user, null);
	}

	/**
	 * A user who must still present a second factor; after a federated sign-in, the
	 * tenant it will be confined to.
	 */
	public void awaitSecondFactor(HttpServletRequest request, UserId user, @Nullable TenantId federatedTenant) {
		request.getSession(true).setAttribute(PENDING_SECOND_FACTOR, user.toString());
		pendingFederation(request, federatedTenant);
	}

	private static void pendingFederation(HttpServletRequest request, @Nullable TenantId federatedTenant) {
		if (federatedTenant != null) {
			request.getSession(true).setAttribute(PENDING_FEDERATED_TENANT, federatedTenant.toString());
		}
		else {
			request.getSession(true).removeAttribute(PENDING_FEDERATED_TENANT);
		}
	}

	@Nullable UserId pendingSecondFactor(HttpServletRequest request) {
		return userAttribute(request, PENDING_SECOND_FACTOR);
	}

	private static @Nullable UserId userAttribute(HttpServletRequest request, String name) {
		var session = request.getSession(false);
		Object pending = (session != null) ? session.getAttribute(name) : null;
		return (pending instanceof String user) ? UserId.of(user) : null;
	}

	/**
	 * A password-checked user who must enrol a second factor before the sign-in
	 * completes.
	 */
	void awaitEnrolment(HttpServletRequest request, UserId user) {
		awaitEnrolment(request, user, null);
	}

	/** As {@link #awaitSecondFactor(HttpServletRequest, UserId, TenantId)}. */
	public void awaitEnrolment(HttpServletRequest request, UserId user, @Nullable TenantId federatedTenant) {
		request.getSession(true).setAttribute(PENDING_ENROLMENT, user.toString());
		pendingFederation(request, federatedTenant);
	}

	@Nullable UserId pendingEnrolment(HttpServletRequest request) {
		return userAttribute(request, PENDING_ENROLMENT);
	}

	/**
	 * A signed-in user who must pick a tenant before the authorization request goes on.
	 */
	void awaitTenantChoice(HttpServletRequest request, String authorizationRequest) {
		request.getSession(true).setAttribute(PENDING_TENANT_CHOICE, authorizationRequest);
	}

	@Nullable String pendingTenantChoice(HttpServletRequest request) {
		var session = request.getSession(false);
		Object pending = (session != null) ? session.getAttribute(PENDING_TENANT_CHOICE) : null;
		return (pending instanceof String url) ? url : null;
	}

	void tenantChosen(HttpServletRequest request) {
		request.getSession(true).removeAttribute(PENDING_TENANT_CHOICE);
	}

	/** The user of the issuer's completed sign-in in this session, if any. */
	@Nullable UserId signedIn(HttpServletRequest request) {
		SecurityContext context = contextRepository.loadDeferredContext(request).get();
		var authentication = (context != null) ? context.getAuthentication() : null;
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

	/**
	 * Completes a sign-in at the issuer itself: a new session id (no fixation), the user
	 * in the issuer's security context.
	 * @return where to continue: the authorization request that asked for the sign-in
	 */
	public String signIn(HttpServletRequest request, HttpServletResponse response, UserId user, boolean secondFactor) {
		return signIn(request, response, user, secondFactor, null);
	}

	/**
	 * The tenant whose provider the user signed in through before the second factor that
	 * is pending now, if that is how it began.
	 */
	@Nullable TenantId pendingFederatedTenant(HttpServletRequest request) {
		var session = request.getSession(false);
		Object tenant = (session != null) ? session.getAttribute(PENDING_FEDERATED_TENANT) : null;
		return (tenant instanceof String id) ? TenantId.of(id) : null;
	}

	/**
	 * As {@link #signIn(HttpServletRequest, HttpServletResponse, UserId, boolean)}; a
	 * sign-in at a tenant's identity provider counts for that tenant only
	 * ({@link FederatedSessions}).
	 */
	public String signIn(HttpServletRequest request, HttpServletResponse response, UserId user, boolean secondFactor,
			@Nullable TenantId federatedTenant) {
		request.getSession(true).removeAttribute(PENDING_SECOND_FACTOR);
		request.getSession().removeAttribute(PENDING_ENROLMENT);
		request.getSession().removeAttribute(PENDING_FEDERATED_TENANT);
		request.changeSessionId();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		// the factors with the time they were presented: the ID token's auth_time
		List<GrantedAuthority> factors = new ArrayList<>();
		factors.add((federatedTenant != null) ? FactorGrantedAuthority.fromFactor(FEDERATED_FACTOR)
				: FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY));
		if (secondFactor) {
			factors.add(FactorGrantedAuthority.fromFactor("TOTP"));
		}
		Authentication signIn = UsernamePasswordAuthenticationToken.authenticated(user.toString(), null, factors);
		context
			.setAuthentication((federatedTenant != null) ? FederatedSessions.confine(signIn, federatedTenant) : signIn);
		SecurityContextHolder.setContext(context);
		contextRepository.saveContext(context, request, response);
		SavedRequest saved = requestCache.getRequest(request, response);
		if (saved == null) {
			return "/";
		}
		requestCache.removeRequest(request, response);
		return saved.getRedirectUrl();
	}

}
