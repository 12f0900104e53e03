package io.octavia.core.portal.settings;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsolePermissions;
import io.octavia.core.platform.web.Flash;
import io.octavia.core.platform.web.FormErrors;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's own settings: name, language, time zone and currency. Needs
 * {@code tenant:write}; the tenant is always the caller's own, never one named in the
 * request. Saving answers htmx with the form (saved, or 422 with the problems at their
 * fields), a plain post with a redirect or the page.
 */
@Controller
@RequestMapping(PortalSettingsController.URL)
class PortalSettingsController {

	static final String URL = "/portal/settings";

	static final String WRITE = "tenant:write";

	private static final String PAGE = "portal/settings/settings";

	private final TenantManagement tenants;

	PortalSettingsController(TenantManagement tenants) {
		this.tenants = tenants;
	}

	@GetMapping
	String page(Model model) {
		TenantId tenant = ConsolePermissions.tenant(WRITE);
		TenantDetails details = tenants.find(tenant)
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", tenant.toString()));
		show(details, TenantSettingsForm.of(details), FormErrors.none(), false, model);
		return PAGE;
	}

	@PostMapping
	String save(TenantSettingsForm form, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		TenantId tenant = ConsolePermissions.tenant(WRITE);
		try {
			TenantDetails changed = tenants.update(tenant, form::toUpdate);
			if (!htmx.isHtmxRequest()) {
				redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.settings.saved"));
				return "redirect:" + URL;
			}
			show(changed, TenantSettingsForm.of(changed), FormErrors.none(), true, model);
		}
		catch (DomainProblem problem) {
			TenantDetails current = tenants.find(tenant).orElseThrow(() -> problem);
			show(current, form, FormErrors.of(problem, Map.of(), Map.of()), false, model);
			response.setStatus(422);
		}
		return htmx.isHtmxRequest() ? PAGE + " :: settings-form" : PAGE;
	}

	private static void show(TenantDetails tenant, TenantSettingsForm form, FormErrors errors, boolean saved,
			Model model) {
		model.addAttribute("tenant", tenant);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("saved", saved);
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution portalSettingsNavigation() {
			return new ConsoleContribution(Console.PORTAL, Slot.NAVIGATION, "settings", "portal.nav.settings", URL, 80);
		}

	}

}
