package io.octavia.core.gateway;

import java.util.List;
import java.util.Map;

import io.octavia.core.api.ApiProperties;
import io.octavia.core.api.BodySizeLimitFilter;
import io.octavia.core.api.Problems;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * One filter chain for the API and the consoles. The API is stateless and authenticated
 * by the gateway's authenticators (no CSRF: no cookies carry API credentials); the
 * consoles use the Redis-backed session with CSRF on every form and htmx request.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
			+ "form-action 'self'; base-uri 'self'; object-src 'none'";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, List<Authenticator> authenticators, Problems problems,
			ApiProperties api, TenantDirectory directory, RateLimiting rateLimiting, BrandCors brandCors)
			throws Exception {
		http.addFilterAfter(new BodySizeLimitFilter(api.maxBodyBytes(), problems), SecurityContextHolderFilter.class)
			.addFilterBefore(new GatewayFilter(authenticators, problems, directory, rateLimiting),
					AnonymousAuthenticationFilter.class)
			.cors(cors -> cors.configurationSource(brandCors))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/api/v1/meta", "/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**",
						"/swagger-ui/**", "/swagger-ui.html", "/ui/**", "/webjars/**", "/error", "/favicon.ico",
						"/problems/**", "/brand-assets/**", "/account/**")
				.permitAll()
				// the consoles' audit log viewers (the API checks per endpoint)
				.requestMatchers("/admin/audit/**", "/portal/audit/**")
				.hasAuthority("audit:read")
				// the consoles sign in through the identity module; until then they show
				// public landing pages
				.requestMatchers("/admin/**", "/portal/**", "/")
				.permitAll()
				.requestMatchers("/api/**")
				.authenticated()
				.anyRequest()
				.denyAll())
			.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, ex) -> problems.write(response,
						problems.of(401, "unauthorized"), Map.of("WWW-Authenticate", "Bearer")))
				.accessDeniedHandler(
						(request, response, ex) -> problems.write(response, problems.of(403, "forbidden"), Map.of())))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_CSP))
				.referrerPolicy(referrer -> referrer
					.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
				.frameOptions(frame -> frame.deny()));
		return http.build();
	}

}
