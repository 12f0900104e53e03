package io.octavia.core.authserver;

import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.octavia.core.authserver.federation.FederationOffers;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.SignIn;
import io.octavia.core.identity.TotpEnrolment;
import io.octavia.core.identity.web.TotpQrCode;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The issuer's sign-in pages: e-mail and password, then a TOTP or recovery code when the
 * account has a second factor, or the enrolment of one when a tenant of the user requires
 * it and the user has none; and the choice of a tenant, where {@link TenantChoiceFilter}
 * sends a user of several tenants whose authorization request names none. Branded by the
 * brand that owns the request's host name, else the platform's look; problems shown as
 * localized messages with the e-mail kept.
 */
@Controller
class SignInController {

	private static final Set<String> KNOWN_PROBLEMS = Set.of("invalid_credentials", "account_locked",
			"account_disabled", "invalid_second_factor", "mfa_enrolment_not_started");

	private final IdentityManagement identity;

	private final SignInPages pages;

	private final SignInSession session;

	private final TenantChooser chooser;

	private final FederationOffers federation;

	SignInController(IdentityManagement identity, SignInPages pages, SignInSession session, TenantChooser chooser,
			FederationOffers federation) {
		this.identity = identity;
		this.pages = pages;
		this.session = session;
		this.chooser = chooser;
		this.federation = federation;
	}

	@GetMapping("/signin")
	String signInPage(HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("brand", pages.brand(request));
		model.addAttribute("email", "");
		// the tenant's external identity provider, if it has one
		model.addAttribute("federation", federation.offer(request, response));
		model.addAttribute("federationEnabled", federation.enabled());
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
		if (signIn.enrolmentRequired()) {
			session.awaitEnrolment(request, signIn.user().id());
			return "redirect:/signin/enrol";
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
		// a second factor after a federated sign-in completes that one
		return "redirect:" + session.signIn(request, response, pending, true, session.pendingFederatedTenant(request));
	}

	@GetMapping("/signin/enrol")
	String enrolmentPage(HttpServletRequest request, Model model) {
		UserId pending = session.pendingEnrolment(request);
		if (pending == null) {
			return "redirect:/signin";
		}
		TotpEnrolment enrolment;
		try {
			enrolment = identity.startTotpEnrolment(pending);
		}
		catch (DomainProblem problem) {
			// enrolled meanwhile (another tab): the second factor is asked for instead
			return "redirect:/signin";
		}
		showEnrolment(request, model, enrolment.secret(), enrolment.otpauthUri());
		return "authserver/enrol";
	}

	/**
	 * The secret and URI come back with the code only to show the same enrolment again
	 * after a wrong code; the code is checked against the seed stored at the start.
	 */
	@PostMapping("/signin/enrol")
	String enrol(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String secret,
			@RequestParam(defaultValue = "") String otpauthUri, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		UserId pending = session.pendingEnrolment(request);
		if (pending == null) {
			return "redirect:/signin";
		}
		List<String> recoveryCodes;
		try {
			recoveryCodes = identity.confirmTotpEnrolment(pending, code.strip());
		}
		catch (DomainProblem problem) {
			response.setStatus(problem.kind().status());
			showEnrolment(request, model, secret, otpauthUri);
			model.addAttribute("problem", problemKey(problem));
			return "authserver/enrol";
		}
		model.addAttribute("brand", pages.brand(request));
		model.addAttribute("recoveryCodes", recoveryCodes);
		model.addAttribute("next",
				session.signIn(request, response, pending, true, session.pendingFederatedTenant(request)));
		return "authserver/recovery-codes";
	}

	@GetMapping("/signin/tenant")
	String tenantPage(HttpServletRequest request, Model model) {
		UserId user = session.signedIn(request);
		if (user == null || session.pendingTenantChoice(request) == null) {
			return "redirect:/signin";
		}
		model.addAttribute("brand", pages.brand(request));
		model.addAttribute("choices", chooser.choices(user));
		return "authserver/tenant";
	}

	@PostMapping("/signin/tenant")
	String chooseTenant(@RequestParam(name = TokenClaims.TENANT_PARAMETER, defaultValue = "") String tenant,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		UserId user = session.signedIn(request);
		String authorizationRequest = session.pendingTenantChoice(request);
		if (user == null || authorizationRequest == null) {
			return "redirect:/signin";
		}
		try {
			String next = chooser.choose(user, authorizationRequest, TenantId.of(tenant));
			session.tenantChosen(request);
			return "redirect:" + next;
		}
		catch (IllegalArgumentException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("brand", pages.brand(request));
			model.addAttribute("choices", chooser.choices(user));
			model.addAttribute("problem", "authserver.tenant.problem");
			return "authserver/tenant";
		}
	}

	private void showEnrolment(HttpServletRequest request, Model model, String secret, String otpauthUri) {
		model.addAttribute("brand", pages.brand(request));
		model.addAttribute("secret", secret);
		model.addAttribute("otpauthUri", otpauthUri);
		if (otpauthUri.startsWith("otpauth://")) {
			model.addAttribute("qrCode", TotpQrCode.dataUri(otpauthUri));
		}
	}

	private static String problemKey(DomainProblem problem) {
		return "authserver.signin.problem."
				+ (KNOWN_PROBLEMS.contains(problem.code()) ? problem.code() : "invalid_credentials");
	}

}
