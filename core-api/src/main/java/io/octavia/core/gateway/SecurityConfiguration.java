package io.octavia.core.gateway;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.ApiProperties;
import io.octavia.core.api.BodySizeLimitFilter;
import io.octavia.core.api.Problems;
import io.octavia.core.authserver.ConsoleClients;
import io.octavia.core.identity.web.ImpersonationSession;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.core.annotation.Order;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Two filter chains behind the authorization server's own: the API's and the consoles'.
 * The API is stateless and authenticated by the gateway's authenticators: no session is
 * read or created, no CSRF protection (no cookie carries an API credential), none of the
 * consoles' sign-in, sign-out and saved-request filters (their work on every API request
 * was measurable, BENCHMARKS.md). The consoles sign in with OIDC at the built-in issuer
 * and keep the sign-in in the Redis-backed session, with CSRF on every form and htmx
 * request. {@code /admin/**} is for operators (callers without a tenant),
 * {@code /portal/**} for a tenant's users; a console page without a sign-in redirects to
 * it, an htmx request gets {@code HX-Refresh} instead.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
			+ "form-action 'self'; base-uri 'self'; object-src 'none'";

	/** Where the operator console says that an impersonation is over. */
	private static final String IMPERSONATION_OVER = "/admin/impersonations/over";

	private static final AuthorizationManager<RequestAuthorizationContext> OPERATOR = (authentication,
			context) -> new AuthorizationDecision(
					caller(authentication) instanceof AuthenticatedCaller caller && caller.tenantId() == null);

	private static final AuthorizationManager<RequestAuthorizationContext> TENANT_USER = (authentication,
			context) -> new AuthorizationDecision(
					caller(authentication) instanceof AuthenticatedCaller caller && caller.tenantId() != null);

	/**
	 * With the filter chain's observations off (the default,
	 * {@code management.observations.enable.spring.security=false}) no filter is wrapped
	 * at all: the property alone only made the wrappers' observations no-ops, and the
	 * wrappers still ran around every filter of every request (BENCHMARKS.md).
	 */
	@Bean
	@ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
	static SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 20)
	SecurityFilterChain apiFilterChain(HttpSecurity http, List<Authenticator> authenticators, Problems problems,
			ApiProperties api, TenantDirectory directory, RateLimiting rateLimiting, BrandCors brandCors,
			ConsoleImpersonation impersonation) throws Exception {
		gateway(http.securityMatcher("/api/**"), authenticators, problems, api, directory, rateLimiting, brandCors,
				impersonation)
			.securityContext(
					context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable())
			.logout(logout -> logout.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.authorizeHttpRequests(
					requests -> requests.requestMatchers("/api/v1/meta").permitAll().anyRequest().authenticated())
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> problems.write(response,
						problems.of(401, "unauthorized"), Map.of("WWW-Authenticate", "Bearer")))
				.accessDeniedHandler(
						(request, response, ex) -> problems.write(response, problems.of(403, "forbidden"), Map.of())))
			.headers(this::securityHeaders);
		return http.build();
	}

	@Bean
	SecurityFilterChain consoleFilterChain(HttpSecurity http, List<Authenticator> authenticators, Problems problems,
			ApiProperties api, TenantDirectory directory, RateLimiting rateLimiting, BrandCors brandCors,
			ConsoleClients consoles, ConsoleImpersonation impersonation) throws Exception {
		HttpSessionRequestCache consolePages = new HttpSessionRequestCache();
		consolePages.setRequestMatcher(
				request -> "GET".equals(request.getMethod()) && console(request) != null && page(request));
		gateway(http, authenticators, problems, api, directory, rateLimiting, brandCors, impersonation)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**",
						"/swagger-ui.html", "/ui/**", "/webjars/**", "/error", "/favicon.ico", "/problems/**",
						"/brand-assets/**", "/account/**", "/", "/login/oauth2/code/**", "/oauth2/authorization/**")
				.permitAll()
				// the consoles' audit log viewers (the API checks per endpoint)
				.requestMatchers("/admin/audit/**")
				.access(AuthorizationManagers.allOf(OPERATOR, AuthorityAuthorizationManager.hasAuthority("audit:read")))
				.requestMatchers("/portal/audit/**")
				.access(AuthorizationManagers.allOf(TENANT_USER,
						AuthorityAuthorizationManager.hasAuthority("audit:read")))
				.requestMatchers("/admin", "/admin/**")
				.access(OPERATOR)
				.requestMatchers("/portal", "/portal/**")
				.access(TENANT_USER)
				.anyRequest()
				.denyAll())
			.oauth2Login(login -> login.clientRegistrationRepository(consoles))
			.logout(logout -> logout.logoutSuccessHandler((request, response, authentication) -> {
				if (authentication instanceof OAuth2AuthenticationToken token
						&& token.getPrincipal() instanceof OidcUser user) {
					response.sendRedirect(consoles.signOutUrl(token.getAuthorizedClientRegistrationId(),
							user.getIdToken().getTokenValue()));
				}
				else {
					response.sendRedirect("/admin");
				}
			}))
			.requestCache(cache -> cache.requestCache(consolePages))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> signInOrProblem(request, response, problems))
				.accessDeniedHandler((request, response, ex) -> {
					if (request.getAttribute(ImpersonationSession.OVER) != null) {
						// an impersonation just ended: back to the operator console
						backToOperatorConsole(request, response);
					}
					else if (console(request) != null && page(request)) {
						response.sendError(HttpServletResponse.SC_FORBIDDEN);
					}
					else {
						problems.write(response, problems.of(403, "forbidden"), Map.of());
					}
				}))
			.headers(this::securityHeaders);
		return http.build();
	}

	/** The same gateway, in the same place, in front of both chains. */
	private static HttpSecurity gateway(HttpSecurity http, List<Authenticator> authenticators, Problems problems,
			ApiProperties api, TenantDirectory directory, RateLimiting rateLimiting, BrandCors brandCors,
			ConsoleImpersonation impersonation) throws Exception {
		return http
			.addFilterAfter(new BodySizeLimitFilter(api.maxBodyBytes(), problems), SecurityContextHolderFilter.class)
			.addFilterBefore(new GatewayFilter(authenticators, problems, directory, rateLimiting, impersonation),
					AnonymousAuthenticationFilter.class)
			.cors(cors -> cors.configurationSource(brandCors));
	}

	private void securityHeaders(HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_CSP))
			.referrerPolicy(referrer -> referrer
				.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.frameOptions(frame -> frame.deny());
	}

	/** The issuer signs ID tokens with ES256 (the default expectation is RS256). */
	@Bean
	JwtDecoderFactory<ClientRegistration> consoleIdTokenDecoderFactory() {
		OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
		factory.setJwsAlgorithmResolver(registration -> SignatureAlgorithm.ES256);
		return factory;
	}

	private static void signInOrProblem(HttpServletRequest request, HttpServletResponse response, Problems problems)
			throws IOException {
		String console = console(request);
		if (console == null) {
			problems.write(response, problems.of(401, "unauthorized"), Map.of("WWW-Authenticate", "Bearer"));
		}
		else if (htmx(request)) {
			// a sign-in page swapped into a table cell helps nobody: reload the page
			response.setHeader("HX-Refresh", "true");
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		}
		else if (page(request)) {
			response.sendRedirect("/oauth2/authorization/" + console);
		}
		else {
			problems.write(response, problems.of(401, "unauthorized"), Map.of());
		}
	}

	private static void backToOperatorConsole(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (htmx(request)) {
			response.setHeader("HX-Redirect", IMPERSONATION_OVER);
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		}
		else {
			response.sendRedirect(IMPERSONATION_OVER);
		}
	}

	private static @Nullable String console(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (path.equals("/admin") || path.startsWith("/admin/")) {
			return ConsoleClients.ADMIN;
		}
		if (path.equals("/portal") || path.startsWith("/portal/")) {
			return ConsoleClients.PORTAL;
		}
		return null;
	}

	/** A person's browser asking for a page (not htmx, not a script). */
	private static boolean page(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return !htmx(request) && accept != null && accept.contains("text/html");
	}

	private static boolean htmx(HttpServletRequest request) {
		return request.getHeader("HX-Request") != null;
	}

	private static @Nullable Object caller(Supplier<? extends @Nullable Authentication> authentication) {
		Authentication current = authentication.get();
		return (current != null) ? current.getPrincipal() : null;
	}

}
