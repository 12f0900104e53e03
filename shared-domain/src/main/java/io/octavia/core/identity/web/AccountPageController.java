package io.octavia.core.identity.web;

import jakarta.servlet.http.HttpServletResponse;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.octavia.core.platform.web.Flash;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The handlers of the signed-in person's own account page: profile, password and
 * two-factor sign-in. Each console mounts them with a subclass annotated
 * {@code @Controller @RequestMapping(url)}. Any signed-in user may use them; there is
 * nothing of anyone else's to reach.
 */
public abstract class AccountPageController {

	private final AccountPage account;

	private final String url;

	private final String page;

	/**
	 * @param url where the console mounts the page
	 * @param page the console's template that includes the shared fragments
	 */
	protected AccountPageController(AccountPage account, String url, String page) {
		this.account = account;
		this.url = url;
		this.page = page;
	}

	@GetMapping
	public String page(Model model) {
		model.addAllAttributes(account.show(url).model());
		return page;
	}

	@PostMapping("/profile")
	public String saveProfile(ProfileForm form, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return render(account.saveProfile(url, form), "profile-form", htmx, model, response, redirect);
	}

	@PostMapping("/password")
	public String changePassword(PasswordForm form, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return render(account.changePassword(url, form), "password-form", htmx, model, response, redirect);
	}

	@PostMapping("/mfa")
	public String startTotp(HtmxRequest htmx, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		return render(account.startTotp(url), "mfa", htmx, model, response, redirect);
	}

	@PostMapping("/mfa/confirmation")
	public String confirmTotp(CodeForm form, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return render(account.confirmTotp(url, form), "mfa", htmx, model, response, redirect);
	}

	@PostMapping("/mfa/removal")
	public String disableTotp(CodeForm form, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return render(account.disableTotp(url, form), "mfa", htmx, model, response, redirect);
	}

	/** htmx gets the changed part; a plain post the page, or a redirect once done. */
	private String render(AccountPage.Step step, String fragment, HtmxRequest htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (!htmx.isHtmxRequest() && step.done() != null) {
			redirect.addFlashAttribute(Flash.ATTRIBUTE, step.done());
			return "redirect:" + url;
		}
		model.addAllAttributes(step.model());
		response.setStatus(step.status());
		return htmx.isHtmxRequest() ? AccountPage.FRAGMENTS + " :: " + fragment : page;
	}

}
