package io.octavia.core.authserver;

import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent page for clients that must ask (third-party applications): which client
 * asks for which scopes (those not granted before; {@code openid} needs no consent), all
 * ticked; the form goes back to the authorization endpoint. Allowing nothing denies the
 * request. The platform's own clients (the consoles, machine clients) never ask.
 */
@Controller
class ConsentController {

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	private final SignInPages pages;

	ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents,
			SignInPages pages) {
		this.clients = clients;
		this.consents = consents;
		this.pages = pages;
	}

	@GetMapping(SignInPages.CONSENT)
	String consent(@RequestParam("client_id") String clientId, @RequestParam(defaultValue = "") String scope,
			@RequestParam String state, Principal principal, HttpServletRequest request, Model model) {
		RegisteredClient client = clients.findByClientId(clientId);
		if (client == null) {
			return "redirect:/signin";
		}
		OAuth2AuthorizationConsent previous = consents.findById(client.getId(), principal.getName());
		Set<String> granted = (previous != null) ? previous.getScopes() : Set.of();
		Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
		requested.removeIf(
				candidate -> candidate.isBlank() || OidcScopes.OPENID.equals(candidate) || granted.contains(candidate));
		model.addAttribute("brand", pages.brand(request));
		model.addAttribute("clientId", clientId);
		model.addAttribute("clientName", client.getClientName());
		model.addAttribute("state", state);
		model.addAttribute("scopes", requested);
		return "authserver/consent";
	}

}
