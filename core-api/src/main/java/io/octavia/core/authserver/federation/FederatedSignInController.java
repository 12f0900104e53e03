package io.octavia.core.authserver.federation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.authserver.SignInPages;
import io.octavia.core.authserver.SignInSession;
import io.octavia.core.identity.FederatedIdentity;
import io.octavia.core.identity.FederatedSignInProvider;
import io.octavia.core.identity.IdentityProviderManagement;
import io.octavia.core.identity.SignIn;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sign-in through the tenant's external provider. {@code /signin/federation/{tenant}}
 * sends the browser to the provider with state, nonce and PKCE; the provider returns to
 * {@code /signin/federation/callback}, where the code is exchanged and the ID token
 * checked (signature against the provider's JWKS, issuer, audience, expiry, nonce). The
 * identity's linked account, else the account of a verified address of a verified domain,
 * then signs in, joining the tenant if new; when the tenant requires a second factor and
 * the token's {@code amr} reports none, the issuer's own TOTP step follows. Then the
 * authorization request that asked for the sign-in continues. E-mail first:
 * {@code POST /signin/federation/email} starts the provider that accepts the address's
 * domain.
 */
@Controller
@ConditionalOnBooleanProperty(name = FederationOffers.ENABLED, matchIfMissing = true)
class FederatedSignInController {

	private static final Logger log = LoggerFactory.getLogger(FederatedSignInController.class);

	private static final String PENDING = "OCTAVIA_FEDERATION_AUTHORIZATION_REQUEST";

	private static final Set<String> KNOWN_PROBLEMS = Set.of("federation_email_unverified",
			"federation_domain_not_allowed", "federation_account_linked", "account_disabled");

	private static final String SIGN_IN_PAGE = "authserver/signin";

	private final FederationClients clients;

	private final IdentityProviderManagement providers;

	private final SignInSession session;

	private final SignInPages pages;

	private final DefaultOAuth2AuthorizationRequestResolver authorizationRequests;

	private final OidcAuthorizationCodeAuthenticationProvider codeExchange;

	FederatedSignInController(FederationClients clients, IdentityProviderManagement providers, SignInSession session,
			SignInPages pages) {
		this.clients = clients;
		this.providers = providers;
		this.session = session;
		this.pages = pages;
		this.authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
				registrationId -> registration(registrationId).orElse(null), FederationOffers.START + "{tenant}");
		// a nonce is added for the openid scope; PKCE even for confidential clients
		this.authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		OidcUserService users = new OidcUserService();
		// the ID token must carry the address: what the provider vouches for in it
		users.setRetrieveUserInfo(request -> false);
		this.codeExchange = new OidcAuthorizationCodeAuthenticationProvider(
				new RestClientAuthorizationCodeTokenResponseClient(), users);
		OidcIdTokenDecoderFactory idTokens = new OidcIdTokenDecoderFactory();
		idTokens.setJwsAlgorithmResolver(FederatedSignInController::idTokenAlgorithm);
		this.codeExchange.setJwtDecoderFactory(idTokens);
	}

	@GetMapping(FederationOffers.START + "{tenant}")
	String start(@PathVariable String tenant, HttpServletRequest request, HttpServletResponse response, Model model) {
		if (registration(tenant).isEmpty()) {
			return refuse("federation_not_offered", "", request, response, model, 404);
		}
		OAuth2AuthorizationRequest authorization;
		try {
			authorization = authorizationRequests.resolve(request, tenant);
		}
		catch (IllegalArgumentException ex) {
			log.warn("Federated sign-in for tenant {} could not start: {}", tenant, ex.getMessage());
			return refuse("federation_failed", "", request, response, model, 502);
		}
		if (authorization == null) {
			return refuse("federation_failed", "", request, response, model, 502);
		}
		request.getSession(true).setAttribute(PENDING, authorization);
		return "redirect:" + authorization.getAuthorizationRequestUri();
	}

	@PostMapping(FederationOffers.START + "email")
	String emailFirst(@RequestParam(defaultValue = "") String email, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		List<FederatedSignInProvider> accepting = providers.forEmail(email.strip());
		if (accepting.size() != 1) {
			return refuse("federation_not_offered", email, request, response, model, 404);
		}
		return "redirect:" + FederationOffers.START + accepting.getFirst().tenantId();
	}

	@GetMapping(FederationClients.CALLBACK)
	String callback(@RequestParam(OAuth2ParameterNames.STATE) Optional<String> state,
			@RequestParam(OAuth2ParameterNames.CODE) Optional<String> code, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		OAuth2AuthorizationRequest authorization = takePending(request);
		if (authorization == null || state.isEmpty() || code.isEmpty()
				|| !state.get().equals(authorization.getState())) {
			return refuse("federation_failed", "", request, response, model, 400);
		}
		String tenant = authorization.getAttribute(OAuth2ParameterNames.REGISTRATION_ID);
		Optional<ClientRegistration> registration = (tenant != null) ? registration(tenant) : Optional.empty();
		if (registration.isEmpty()) {
			return refuse("federation_not_offered", "", request, response, model, 404);
		}
		OidcUser external;
		try {
			OAuth2AuthorizationResponse answer = OAuth2AuthorizationResponse.success(code.get())
				.state(state.get())
				.redirectUri(UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
					.replaceQuery(null)
					.build()
					.toUriString())
				.build();
			OAuth2LoginAuthenticationToken exchanged = (OAuth2LoginAuthenticationToken) codeExchange
				.authenticate(new OAuth2LoginAuthenticationToken(registration.get(),
						new OAuth2AuthorizationExchange(authorization, answer)));
			external = (OidcUser) exchanged.getPrincipal();
		}
		catch (AuthenticationException | IllegalArgumentException ex) {
			log.warn("Federated sign-in for tenant {} failed: {}", tenant, ex.getMessage());
			return refuse("federation_failed", "", request, response, model, 400);
		}
		String email = (external.getEmail() != null) ? external.getEmail() : "";
		List<String> amr = external.getIdToken().getClaimAsStringList("amr");
		FederatedIdentity identity = new FederatedIdentity(String.valueOf(external.getIdToken().getIssuer()),
				external.getSubject(), email, Boolean.TRUE.equals(external.getEmailVerified()), external.getFullName(),
				(amr != null) ? Set.copyOf(amr) : Set.of());
		TenantId tenantId = TenantId.of(tenant);
		SignIn signIn;
		try {
			signIn = providers.joinJustInTime(tenantId, identity);
		}
		catch (DomainProblem problem) {
			String key = KNOWN_PROBLEMS.contains(problem.code()) ? problem.code() : "federation_failed";
			return refuse(key, email, request, response, model, problem.kind().status());
		}
		// the tenant requires a second factor the provider did not report: ours follows
		if (signIn.enrolmentRequired()) {
			session.awaitEnrolment(request, signIn.user().id(), tenantId);
			return "redirect:/signin/enrol";
		}
		if (signIn.secondFactorRequired()) {
			session.awaitSecondFactor(request, signIn.user().id(), tenantId);
			return "redirect:/signin/second-factor";
		}
		return "redirect:" + session.signIn(request, response, signIn.user().id(), false, tenantId);
	}

	/**
	 * The provider's first advertised ID token algorithm (discovery), else RS256, the one
	 * every provider must support.
	 */
	private static JwsAlgorithm idTokenAlgorithm(ClientRegistration registration) {
		Object advertised = registration.getProviderDetails()
			.getConfigurationMetadata()
			.get("id_token_signing_alg_values_supported");
		if (advertised instanceof List<?> algorithms && !algorithms.isEmpty()) {
			SignatureAlgorithm algorithm = SignatureAlgorithm.from(String.valueOf(algorithms.getFirst()));
			if (algorithm != null) {
				return algorithm;
			}
		}
		return SignatureAlgorithm.RS256;
	}

	private Optional<ClientRegistration> registration(String tenant) {
		try {
			return clients.registration(TenantId.of(tenant));
		}
		catch (IllegalArgumentException ex) {
			log.warn("No federation for tenant {}: {}", tenant, ex.getMessage());
			return Optional.empty();
		}
	}

	private static @Nullable OAuth2AuthorizationRequest takePending(HttpServletRequest request) {
		HttpSession httpSession = request.getSession(false);
		if (httpSession == null) {
			return null;
		}
		Object pending = httpSession.getAttribute(PENDING);
		httpSession.removeAttribute(PENDING);
		return (pending instanceof OAuth2AuthorizationRequest authorization) ? authorization : null;
	}

	/** The sign-in page again, with the localized reason. */
	private String refuse(String problem, String email, HttpServletRequest request, HttpServletResponse response,
			Model model, int status) {
		response.setStatus(status);
		model.addAttribute("brand", pages.brand(request));
		model.addAttribute("email", email);
		model.addAttribute("problem", "authserver.signin.problem." + problem);
		return SIGN_IN_PAGE;
	}

}
