package io.octavia.core.authserver;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.octavia.core.authserver.federation.FederationOffers;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.SignIn;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.UserId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The issuer's sign-in pages: e-mail and password, then a TOTP or recovery code when the
 * account has a second factor. Branded by the brand that owns the request's host name,
 * else the platform's look; problems shown as localized messages with the e-mail kept.
 */
@Controller
class SignInController {

	private static final Set<String> KNOWN_PROBLEMS = Set.of("invalid_credentials", "account_locked",
			"account_disabled", "invalid_second_factor");

	private final IdentityManagement identity;

	private final SignInPages pages;

	private final SignInSession session;

	private final FederationOffers federation;

	SignInController(IdentityManagement identity, SignInPages pages, SignInSession session,
			FederationOffers federation) {
		this.identity = identity;
		this.pages = pages;
		this.session = session;
		this.federation = federation;
	}

	@GetMapping("/signin")
	String signInPage(HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("brand", pages.brand(request));
		model.addAttribute("email", "");
		// the tenant's external identity provider, if it has one
		model.addAttribute("federation", federation.offer(request, response));
		return "authserver/signin";
	}

	@PostMapping("/signin")
	String signIn(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		SignIn signIn;
		try {
			signIn = identity.authenticate(email, password, request.getRemoteAddr());
		}
		catch (DomainProblem problem) {
			response.setStatus(problem.kind().status());
			model.addAttribute("brand", pages.brand(request));
			model.addAttribute("email", email);
			model.addAttribute("problem", problemKey(problem));
			return "authserver/signin";
		}
		if (signIn.secondFactorRequired()) {
			session.awaitSecondFactor(request, signIn.user().id());
			return "redirect:/signin/second-factor";
		}
		return "redirect:" + session.signIn(request, response, signIn.user().id(), false);
	}

	@GetMapping("/signin/second-factor")
	String secondFactorPage(HttpServletRequest request, Model model) {
		if (session.pendingSecondFactor(request) == null) {
			return "redirect:/signin";
		}
		model.addAttribute("brand", pages.brand(request));
		return "authserver/second-factor";
	}

	@PostMapping("/signin/second-factor")
	String secondFactor(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		UserId pending = session.pendingSecondFactor(request);
		if (pending == null) {
			return "redirect:/signin";
		}
		try {
			identity.verifySecondFactor(pending, code.strip());
		}
		catch (DomainProblem problem) {
			response.setStatus(problem.kind().status());
			model.addAttribute("brand", pages.brand(request));
			model.addAttribute("problem", problemKey(problem));
			return "authserver/second-factor";
		}
		return "redirect:" + session.signIn(request, response, pending, true);
	}

	private static String problemKey(DomainProblem problem) {
		return "authserver.signin.problem."
				+ (KNOWN_PROBLEMS.contains(problem.code()) ? problem.code() : "invalid_credentials");
	}

}
