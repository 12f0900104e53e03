package io.octavia.core.account;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.InvitationPreview;
import io.octavia.core.identity.InvitationStatus;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.web.SupportedLocales;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages behind the links in account mails. A refused form shows the problem's
 * localized message (field by field for validation) and keeps what was typed, except
 * passwords.
 */
@Controller
@RequestMapping("/account")
class AccountPagesController {

	private final IdentityManagement identity;

	private final TenantManagement tenants;

	private final MessageSource messages;

	AccountPagesController(IdentityManagement identity, TenantManagement tenants, MessageSource messages) {
		this.identity = identity;
		this.tenants = tenants;
		this.messages = messages;
	}

	@ModelAttribute
	void common(Model model, Locale locale) {
		model.addAttribute("rtl", SupportedLocales.isRightToLeft(locale));
		model.addAttribute("supportedLocales", SupportedLocales.ALL);
	}

	// ---- invitations

	@GetMapping("/invitation")
	String invitation(@RequestParam(defaultValue = "") String token, Model model) {
		return invitationPage(token, model);
	}

	@PostMapping("/invitation")
	String acceptInvitation(@RequestParam(defaultValue = "") String token,
			@RequestParam(required = false) @Nullable String displayName,
			@RequestParam(required = false) @Nullable String password, Locale locale, HttpServletRequest request,
			Model model) {
		try {
			identity.acceptInvitation(token, displayName, password, request.getRemoteAddr(), locale);
			model.addAttribute("outcome", "accepted");
			return "account/done";
		}
		catch (DomainProblem problem) {
			show(problem, model, locale);
			model.addAttribute("displayName", displayName);
			return invitationPage(token, model);
		}
	}

	private String invitationPage(String token, Model model) {
		Optional<InvitationPreview> preview = identity.invitation(token)
			.filter(candidate -> candidate.invitation().status() == InvitationStatus.PENDING);
		if (preview.isEmpty()) {
			return "account/link-invalid";
		}
		InvitationPreview invitation = preview.get();
		model.addAttribute("token", token);
		model.addAttribute("invitation", invitation.invitation());
		model.addAttribute("accountExists", invitation.accountExists());
		model.addAttribute("tenantName", tenantName(invitation));
		return "account/invitation";
	}

	private String tenantName(InvitationPreview preview) {
		return TenantContext.call(TenantContext.Scope.tenant(preview.invitation().tenantId(), "system:invitation"),
				() -> tenants.find(preview.invitation().tenantId()).map(TenantDetails::name).orElse(""));
	}

	// ---- password reset

	@GetMapping("/password-reset")
	String passwordReset(@RequestParam(required = false) @Nullable String token, Model model) {
		if (token == null) {
			return "account/password-reset-request";
		}
		if (!identity.passwordResetValid(token)) {
			return "account/link-invalid";
		}
		model.addAttribute("token", token);
		return "account/password-reset";
	}

	// where the language links of the answer page lead (the interceptor kept the choice)
	@GetMapping("/password-reset/request")
	String passwordResetRequestForm() {
		return "redirect:/account/password-reset";
	}

	@PostMapping("/password-reset/request")
	String requestPasswordReset(@RequestParam(defaultValue = "") String email, Model model) {
		identity.requestPasswordReset(email);
		// the same answer whether or not the address has an account
		model.addAttribute("outcome", "reset_requested");
		return "account/done";
	}

	@PostMapping("/password-reset")
	String resetPassword(@RequestParam(defaultValue = "") String token,
			@RequestParam(defaultValue = "") String newPassword, Locale locale, Model model) {
		try {
			identity.resetPassword(token, newPassword);
			model.addAttribute("outcome", "password_reset");
			return "account/done";
		}
		catch (DomainProblem problem) {
			if (problem.kind() == DomainProblem.Kind.GONE) {
				return "account/link-invalid";
			}
			show(problem, model, locale);
			model.addAttribute("token", token);
			return "account/password-reset";
		}
	}

	/**
	 * The problem's message, or for a validation problem each field's, in the reader's
	 * language.
	 */
	private void show(DomainProblem problem, Model model, Locale locale) {
		Map<String, String> fields = new LinkedHashMap<>();
		problem.fields()
			.forEach(field -> fields.putIfAbsent(field.field(),
					messages.getMessage(field.messageKey(), field.arguments().toArray(), locale)));
		model.addAttribute("fieldErrors", fields);
		if (fields.isEmpty()) {
			model.addAttribute("problemMessage", messages.getMessage("api.problem." + problem.code() + ".detail",
					problem.arguments().toArray(), problem.code(), locale));
		}
	}

	// ---- e-mail verification

	@GetMapping("/email-verification")
	String emailVerification(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		return "account/email-verification";
	}

	@PostMapping("/email-verification")
	String verifyEmail(@RequestParam(defaultValue = "") String token, Model model) {
		try {
			identity.verifyEmail(token);
			model.addAttribute("outcome", "email_verified");
			return "account/done";
		}
		catch (DomainProblem problem) {
			return "account/link-invalid";
		}
	}

}
