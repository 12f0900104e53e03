package io.octavia.core.authserver;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Spring Security's authorization server on its own filter chain, ahead of the gateway's:
 * its endpoints ({@code /oauth2/**}, {@code /.well-known/**}, {@code /connect/**},
 * {@code /userinfo}) and the sign-in pages ({@code /signin/**}). Clients, authorizations
 * and consents live in PostgreSQL. The chain keeps its security context and saved request
 * under session attributes of its own ({@link SignInSession}), so a console's sign-in is
 * never mistaken for a sign-in at the issuer, nor the other way round.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
			+ "base-uri 'self'; object-src 'none'";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain authorizationServerFilterChain(HttpSecurity http, ClientSecrets secrets, SignInSession session,
			UserInfoClaims userInfo, TenantChooser chooser) throws Exception {
		http.oauth2AuthorizationServer(server -> {
			http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(),
					PathPatternRequestMatcher.withDefaults().matcher("/signin/**"),
					PathPatternRequestMatcher.withDefaults().matcher("/signin")));
			server.authorizationEndpoint(authorization -> authorization.consentPage(SignInPages.CONSENT))
				.oidc(oidc -> oidc.userInfoEndpoint(endpoint -> endpoint.userInfoMapper(userInfo))
					.providerConfigurationEndpoint(endpoint -> endpoint
						.providerConfigurationCustomizer(metadata -> metadata.idTokenSigningAlgorithms(algorithms -> {
							algorithms.clear();
							algorithms.add(SigningKeys.ALGORITHM.getName());
						}))))
				.clientAuthentication(
						clients -> clients.authenticationProviders(providers -> providers.forEach(provider -> {
							if (provider instanceof ClientSecretAuthenticationProvider secretProvider) {
								secretProvider.setPasswordEncoder(secrets);
							}
						})));
		});
		http.authorizeHttpRequests(requests -> requests.requestMatchers(SignInPages.CONSENT)
			.authenticated()
			.requestMatchers("/signin", "/signin/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			// after the security context is loaded, before the authorization endpoint
			.addFilterAfter(new TenantChoiceFilter(chooser, session), LogoutFilter.class)
			.securityContext(context -> context.securityContextRepository(session.contextRepository()))
			.requestCache(cache -> cache.requestCache(session.requestCache()))
			// userinfo is an API (a bearer challenge), the rest are pages of a browser
			.exceptionHandling(errors -> errors
				.defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(),
						PathPatternRequestMatcher.withDefaults().matcher("/userinfo"))
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/signin"),
						AnyRequestMatcher.INSTANCE))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.referrerPolicy(referrer -> referrer
					.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
				.frameOptions(frame -> frame.deny()));
		return http.build();
	}

	@Bean
	CachedRegisteredClients registeredClientRepository(JdbcTemplate jdbc) {
		return new CachedRegisteredClients(new JdbcRegisteredClientRepository(jdbc));
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients,
			RevokedAuthorizations revoked) {
		return new ReuseDetectingAuthorizationService(new JdbcOAuth2AuthorizationService(jdbc, clients), jdbc, revoked);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

	/**
	 * Without {@code octavia.security.issuer} the issuer is taken from each request (the
	 * random ports of development and tests).
	 */
	@Bean
	AuthorizationServerSettings authorizationServerSettings(TokenIssuer issuer) {
		AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
		if (issuer.configured() != null) {
			settings.issuer(issuer.configured());
		}
		return settings.build();
	}

	/** What the JWKS endpoint publishes. */
	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
		return keys.publishedKeys();
	}

	/** Signs with the active key only; the retired ones merely verify. */
	@Bean
	JwtEncoder jwtEncoder(SigningKeys keys) {
		return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.signingKey())));
	}

}
