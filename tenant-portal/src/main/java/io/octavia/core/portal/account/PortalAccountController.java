package io.octavia.core.portal.account;

import jakarta.servlet.http.HttpServletResponse;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.octavia.core.identity.web.AccountPage;
import io.octavia.core.identity.web.CodeForm;
import io.octavia.core.identity.web.PasswordForm;
import io.octavia.core.identity.web.ProfileForm;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.Flash;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in person's own account in the tenant portal: profile, password and
 * two-factor sign-in, shared with the other console through {@link AccountPage}. Any
 * signed-in user may use it; there is nothing of anyone else's to reach.
 */
@Controller
@RequestMapping(PortalAccountController.URL)
class PortalAccountController {

	static final String URL = "/portal/account";

	private static final String PAGE = "portal/account/account";

	private final AccountPage account;

	PortalAccountController(AccountPage account) {
		this.account = account;
	}

	@GetMapping
	String page(Model model) {
		model.addAllAttributes(account.show(URL).model());
		return PAGE;
	}

	@PostMapping("/profile")
	String saveProfile(ProfileForm form, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return render(account.saveProfile(URL, form), "profile-form", htmx, model, response, redirect);
	}

	@PostMapping("/password")
	String changePassword(PasswordForm form, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return render(account.changePassword(URL, form), "password-form", htmx, model, response, redirect);
	}

	@PostMapping("/mfa")
	String startTotp(HtmxRequest htmx, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		return render(account.startTotp(URL), "mfa", htmx, model, response, redirect);
	}

	@PostMapping("/mfa/confirmation")
	String confirmTotp(CodeForm form, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return render(account.confirmTotp(URL, form), "mfa", htmx, model, response, redirect);
	}

	@PostMapping("/mfa/removal")
	String disableTotp(CodeForm form, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return render(account.disableTotp(URL, form), "mfa", htmx, model, response, redirect);
	}

	/** htmx gets the changed part; a plain post the page, or a redirect once done. */
	private static String render(AccountPage.Step step, String fragment, HtmxRequest htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (!htmx.isHtmxRequest() && step.done() != null) {
			redirect.addFlashAttribute(Flash.ATTRIBUTE, step.done());
			return "redirect:" + URL;
		}
		model.addAllAttributes(step.model());
		response.setStatus(step.status());
		return htmx.isHtmxRequest() ? AccountPage.FRAGMENTS + " :: " + fragment : PAGE;
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution portalAccountNavigation() {
			return new ConsoleContribution(Console.PORTAL, Slot.NAVIGATION, "account", "portal.nav.account", URL, 90);
		}

	}

}
