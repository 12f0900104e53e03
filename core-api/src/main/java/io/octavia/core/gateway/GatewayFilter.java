package io.octavia.core.gateway;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import io.octavia.core.api.Problems;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gateway in front of every API and console route: gives the request an id,
 * authenticates it through the {@link Authenticator}s, refuses an {@code x-tenant-id}
 * that disagrees with the credential, never trusts an inbound {@code x-user-id}, and
 * binds the caller to the {@link TenantContext} (and so to PostgreSQL row-level security)
 * and to the logging context.
 */
class GatewayFilter extends OncePerRequestFilter {

	static final String REQUEST_ID = "x-request-id";

	static final String TENANT_ID = "x-tenant-id";

	static final String BRAND_ID = "x-brand-id";

	static final String USER_ID = "x-user-id";

	private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private final List<Authenticator> authenticators;

	private final Problems problems;

	GatewayFilter(List<Authenticator> authenticators, Problems problems) {
		this.authenticators = authenticators;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = requestId(request);
		MDC.put("requestId", requestId);
		response.setHeader(REQUEST_ID, requestId);
		try {
			AuthenticatedCaller caller = authenticate(request).orElse(null);
			if (caller != null) {
				String claimedTenant = request.getHeader(TENANT_ID);
				if (claimedTenant != null && (caller.tenantId() == null
						|| !claimedTenant.trim().equalsIgnoreCase(caller.tenantId().toString()))) {
					throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "tenant_mismatch");
				}
				bind(caller, response);
			}
			chain.doFilter(new UntrustedHeadersRemoved(request), response);
		}
		catch (DomainProblem problem) {
			problems.write(response, problems.of(problem), Map.of());
		}
		finally {
			TenantContext.clear();
			SecurityContextHolder.clearContext();
			MDC.remove("requestId");
			MDC.remove("tenantId");
			MDC.remove("brandId");
			MDC.remove("userId");
		}
	}

	private Optional<AuthenticatedCaller> authenticate(HttpServletRequest request) {
		for (Authenticator authenticator : authenticators) {
			Optional<AuthenticatedCaller> caller = authenticator.authenticate(request);
			if (caller.isPresent()) {
				return caller;
			}
		}
		return Optional.empty();
	}

	private void bind(AuthenticatedCaller caller, HttpServletResponse response) {
		TenantContext
			.set(new TenantContext.Scope(caller.tenantId(), caller.brandId(), caller.userId(), caller.actor(), null));
		putIfPresent("tenantId", caller.tenantId());
		putIfPresent("brandId", caller.brandId());
		putIfPresent("userId", caller.userId());
		if (caller.tenantId() != null) {
			response.setHeader(TENANT_ID, caller.tenantId().toString());
		}
		if (caller.brandId() != null) {
			response.setHeader(BRAND_ID, caller.brandId().toString());
		}
		var authorities = caller.authorities().stream().map(SimpleGrantedAuthority::new).toList();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null, authorities));
	}

	private static void putIfPresent(String key, @Nullable Object value) {
		if (value != null) {
			MDC.put(key, value.toString());
		}
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
