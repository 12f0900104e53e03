package io.octavia.core.gateway;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.octavia.core.api.BodySizeLimitFilter;
import io.octavia.core.api.CachedBodyRequest;
import io.octavia.core.api.Problems;
import io.octavia.core.branding.ResolvedHostname;
import io.octavia.core.gateway.signing.NonceReservation;
import io.octavia.core.gateway.signing.NonceStore;
import io.octavia.core.gateway.signing.RequestSignatures;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gateway in front of every API and console route: gives the request an id,
 * authenticates it through the {@link Authenticator}s, refuses an {@code x-tenant-id}
 * that disagrees with the credential and callers of a suspended or closed tenant, never
 * trusts an inbound {@code x-user-id}, resolves the brand, binds the caller to the
 * {@link TenantContext} (and so to PostgreSQL row-level security) and to the logging
 * context, and applies the API's rate limits.
 * <p>
 * The brand is the one the credential is bound to, else the one named by
 * {@code x-brand-id}, else the one owning the request's host name, else the tenant's
 * default brand; a brand of another tenant is refused. Operators (callers without a
 * tenant) act across tenants and get no brand.
 * <p>
 * A signed request's nonce was only sent to Redis by the authenticator: a write (any
 * method but GET, HEAD and OPTIONS) awaits it after the tenant, brand and rate-limit work
 * and before it goes on; a safe request goes on at once and its response is held back
 * until the nonce is confirmed ({@link NonceGatedResponse}).
 */
class GatewayFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(GatewayFilter.class);

	static final String REQUEST_ID = "x-request-id";

	static final String TENANT_ID = "x-tenant-id";

	static final String BRAND_ID = "x-brand-id";

	static final String USER_ID = "x-user-id";

	static final int MAX_USER_AGENT = 256;

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final List<Authenticator> authenticators;

	private final Problems problems;

	private final TenantDirectory directory;

	private final RateLimiting rateLimiting;

	private final ConsoleImpersonation impersonation;

	// static assets and probes cost nothing; the OAuth2 endpoints authenticate their
	// clients themselves (with secrets too long to guess)
	private static final Pattern UNLIMITED_ANONYMOUS = Pattern
		.compile("/(ui|webjars|actuator/health|oauth2|\\.well-known|connect|userinfo)(/|$)|/favicon\\.ico$");

	GatewayFilter(List<Authenticator> authenticators, Problems problems, TenantDirectory directory,
			RateLimiting rateLimiting, ConsoleImpersonation impersonation) {
		this.authenticators = authenticators;
		this.problems = problems;
		this.directory = directory;
		this.rateLimiting = rateLimiting;
		this.impersonation = impersonation;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = requestId(request);
		MDC.put("requestId", requestId);
		putClientContext(request);
		response.setHeader(REQUEST_ID, requestId);
		NonceGatedResponse gated = null;
		try {
			if (RequestSignatures.signed(request::getHeader) && mayHaveBody(request)) {
				// the signature covers the body: read it once, keep it for the controller
				// (a request without one is not wrapped: every later call on it would
				// pass
				// through the wrapper)
				try {
					request = new CachedBodyRequest(request, StreamUtils.copyToByteArray(request.getInputStream()));
				}
				catch (BodySizeLimitFilter.PayloadTooLargeException ex) {
					problems.write(response, problems.of(413, "payload_too_large", ex.maxBytes()),
							Map.of("Connection", "close"));
					return;
				}
			}
			AuthenticatedCaller caller = authenticate(request).orElse(null);
			if (caller != null) {
				String claimedTenant = request.getHeader(TENANT_ID);
				if (claimedTenant != null && (caller.tenantId() == null
						|| !claimedTenant.trim().equalsIgnoreCase(caller.tenantId().toString()))) {
					throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "tenant_mismatch");
				}
				BrandId brand = null;
				if (caller.tenantId() != null) {
					TenantDirectory.TenantEntry tenant = directory.tenant(caller.tenantId());
					refuseUnlessOpen(tenant);
					brand = brand(caller, tenant, request);
				}
				TenantContext.Scope scope = bind(caller, brand, response);
				if (request.getRequestURI().startsWith("/api/") && !rateLimiting.admit(scope,
						(Integer) request.getAttribute(ApiKeyAuthenticator.RATE_LIMIT), response)) {
					return;
				}
				NonceReservation nonce = (NonceReservation) request.getAttribute(ApiKeyAuthenticator.NONCE);
				if (nonce != null && SAFE_METHODS.contains(request.getMethod())) {
					// nothing to undo, only an answer to withhold: see NonceGatedResponse
					response = gated = new NonceGatedResponse(response, nonce, this::refuseNonce);
				}
				else if (nonce != null && !awaited(nonce, response)) {
					return;
				}
			}
			else if (!UNLIMITED_ANONYMOUS.matcher(request.getRequestURI()).lookingAt()
					&& !rateLimiting.admitAnonymous(request.getRemoteAddr(), response)) {
				return;
			}
			try {
				chain.doFilter(new UntrustedHeadersRemoved(request), response);
			}
			finally {
				if (gated != null) {
					// a response without a body (e.g. 204) or a failed handler: nothing
					// awaited the nonce yet
					gated.settle();
				}
			}
		}
		catch (DomainProblem problem) {
			if (isConsolePage(request)) {
				// a person in a browser: the consoles' localized error page, not JSON
				response.sendError(problem.kind().status());
			}
			else {
				problems.write(response, problems.of(problem), (problem instanceof InvalidBearerToken invalid)
						? Map.of("WWW-Authenticate", invalid.challenge()) : Map.of());
			}
		}
		finally {
			if (request.getAttribute(ApiKeyAuthenticator.NONCE) instanceof NonceReservation nonce) {
				// refused before the nonce was awaited: its connection is wanted back
				nonce.abandon();
			}
			TenantContext.clear();
			SecurityContextHolder.clearContext();
			MDC.remove("requestId");
			MDC.remove("tenantId");
			MDC.remove("brandId");
			MDC.remove("userId");
			MDC.remove("actor");
			MDC.remove("clientIp");
			MDC.remove("userAgent");
		}
	}

	/**
	 * Awaits a write's nonce before the write can run (the Redis round trip overlapped
	 * the work above); false when the request was refused.
	 */
	private boolean awaited(NonceReservation nonce, HttpServletResponse response) throws IOException {
		try {
			nonce.await();
			return true;
		}
		catch (DomainProblem | NonceStore.Unavailable failure) {
			refuseNonce(response, failure);
			return false;
		}
	}

	/**
	 * A replayed nonce is refused like any other credential problem; one that could not
	 * be checked fails closed, as a server error (accepting a replay is worse).
	 */
	private void refuseNonce(HttpServletResponse response, RuntimeException failure) throws IOException {
		if (failure instanceof DomainProblem problem) {
			problems.write(response, problems.of(problem), Map.of());
		}
		else {
			log.error("Signed request refused: its nonce could not be checked", failure);
			problems.write(response, problems.of(500, "internal_error", String.valueOf(MDC.get("requestId"))),
					Map.of());
		}
	}

	private Optional<AuthenticatedCaller> authenticate(HttpServletRequest request) {
		for (Authenticator authenticator : authenticators) {
			Optional<AuthenticatedCaller> caller = authenticator.authenticate(request);
			if (caller.isPresent()) {
				return caller.map(found -> impersonation.actingAs(found, request));
			}
		}
		return Optional.empty();
	}

	/**
	 * Refuses the callers of a suspended or closed tenant; its data is left as it is. A
	 * tenant the database does not know (real credentials never name one) passes:
	 * row-level security shows it nothing.
	 */
	private static void refuseUnlessOpen(TenantDirectory.TenantEntry tenant) {
		if (tenant.status() == null) {
			return;
		}
		switch (tenant.status()) {
			case PROVISIONING, ACTIVE -> {
			}
			case SUSPENDED -> throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "tenant_suspended");
			default -> throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "tenant_closed");
		}
	}

	private @Nullable BrandId brand(AuthenticatedCaller caller, TenantDirectory.TenantEntry tenant,
			HttpServletRequest request) {
		BrandId claimed = claimedBrand(request);
		if (caller.brandId() != null) {
			if (claimed != null && !claimed.equals(caller.brandId())) {
				throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "brand_mismatch");
			}
			return caller.brandId();
		}
		if (claimed != null) {
			// a brand of another tenant and a brand that does not exist look the same
			if (!tenant.brands().contains(claimed)) {
				throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "brand_mismatch");
			}
			return claimed;
		}
		Optional<ResolvedHostname> host = directory.hostname(request.getServerName());
		if (host.isPresent()) {
			if (!host.get().tenantId().equals(caller.tenantId())) {
				throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "brand_mismatch");
			}
			return host.get().brandId();
		}
		return tenant.defaultBrand();
	}

	private static @Nullable BrandId claimedBrand(HttpServletRequest request) {
		String claimed = request.getHeader(BRAND_ID);
		if (claimed == null) {
			return null;
		}
		if (!UUID_TEXT.matcher(claimed.trim()).matches()) {
			throw new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "brand_id_invalid");
		}
		return BrandId.of(claimed.trim());
	}

	private TenantContext.Scope bind(AuthenticatedCaller caller, @Nullable BrandId brand,
			HttpServletResponse response) {
		TenantContext.Scope scope = new TenantContext.Scope(caller.tenantId(), brand, caller.userId(), caller.actor(),
				null);
		TenantContext.set(scope);
		putIfPresent("tenantId", caller.tenantId());
		putIfPresent("brandId", brand);
		putIfPresent("userId", caller.userId());
		// who acts, e.g. support:<operator> as user:<user> while impersonating
		MDC.put("actor", caller.actor());
		if (caller.tenantId() != null) {
			response.setHeader(TENANT_ID, caller.tenantId().toString());
		}
		if (brand != null) {
			response.setHeader(BRAND_ID, brand.toString());
		}
		var authorities = caller.authorities().stream().map(SimpleGrantedAuthority::new).toList();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null, authorities));
		return scope;
	}

	/**
	 * Who is on the other end, for logs and the audit trail. The address is the client's
	 * as the trusted proxy in front reports it ({@code server.forward-headers-strategy}).
	 */
	private static void putClientContext(HttpServletRequest request) {
		MDC.put("clientIp", request.getRemoteAddr());
		String userAgent = request.getHeader("User-Agent");
		if (userAgent != null) {
			MDC.put("userAgent", truncated(userAgent, MAX_USER_AGENT));
		}
	}

	private static String truncated(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		// never split a surrogate pair
		int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
		return text.substring(0, end);
	}

	private static void putIfPresent(String key, @Nullable Object value) {
		if (value != null) {
			MDC.put(key, value.toString());
		}
	}

	private static boolean isConsolePage(HttpServletRequest request) {
		String path = request.getRequestURI();
		String accept = request.getHeader("Accept");
		return request.getHeader("HX-Request") == null && accept != null && accept.contains("text/html")
				&& (path.equals("/admin") || path.startsWith("/admin/") || path.equals("/portal")
						|| path.startsWith("/portal/"));
	}

	/**
	 * Whether the request may carry a body: HTTP/1.x sends none without Content-Length or
	 * Transfer-Encoding (RFC 9112, 6.3); other protocols are read to be sure.
	 */
	static boolean mayHaveBody(HttpServletRequest request) {
		long length = request.getContentLengthLong();
		return length > 0 || (length < 0 && (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
				|| !request.getProtocol().startsWith("HTTP/1.")));
	}

	/** Keeps a client's request id when it is safe to log, else makes one. */
	private static String requestId(HttpServletRequest request) {
		String inbound = request.getHeader(REQUEST_ID);
		return (inbound != null && SAFE_REQUEST_ID.matcher(inbound).matches()) ? inbound : UUID.randomUUID().toString();
	}

	/**
	 * Hides {@code x-user-id} from everything downstream: the user comes from the
	 * credential.
	 */
	private static final class UntrustedHeadersRemoved extends HttpServletRequestWrapper {

		UntrustedHeadersRemoved(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable String getHeader(String name) {
			return USER_ID.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public java.util.Enumeration<String> getHeaders(String name) {
			return USER_ID.equalsIgnoreCase(name) ? java.util.Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public java.util.Enumeration<String> getHeaderNames() {
			return java.util.Collections.enumeration(java.util.Collections.list(super.getHeaderNames())
				.stream()
				.filter(header -> !USER_ID.equalsIgnoreCase(header))
				.toList());
		}

	}

}
