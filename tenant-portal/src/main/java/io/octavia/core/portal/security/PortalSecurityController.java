package io.octavia.core.portal.security;

import jakarta.servlet.http.HttpServletResponse;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsolePermissions;
import io.octavia.core.platform.web.Flash;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's sign-in policy: whether every member must sign in with a second factor
 * (members without one are sent to enrol at their next sign-in). Needs
 * {@code tenant:write}; the tenant is always the caller's own.
 */
@Controller
@RequestMapping(PortalSecurityController.URL)
class PortalSecurityController {

	static final String URL = "/portal/security";

	static final String WRITE = RolePermissions.TENANT_WRITE;

	private static final String PAGE = "portal/security/security";

	private final IdentityManagement identity;

	PortalSecurityController(IdentityManagement identity) {
		this.identity = identity;
	}

	@GetMapping
	String page(Model model) {
		TenantId tenant = ConsolePermissions.tenant(WRITE);
		model.addAttribute("mfaRequired", identity.mfaRequired(tenant));
		model.addAttribute("saved", false);
		return PAGE;
	}

	/** An unchecked box sends nothing: no value means not required. */
	@PostMapping
	String save(@RequestParam(defaultValue = "false") boolean mfaRequired, HtmxRequest htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		TenantId tenant = ConsolePermissions.tenant(WRITE);
		identity.requireMfa(tenant, mfaRequired);
		if (!htmx.isHtmxRequest()) {
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.security.saved"));
			return "redirect:" + URL;
		}
		model.addAttribute("mfaRequired", identity.mfaRequired(tenant));
		model.addAttribute("saved", true);
		return PAGE + " :: policy-form";
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution portalSecurityNavigation() {
			return new ConsoleContribution(Console.PORTAL, Slot.NAVIGATION, "security", "portal.nav.security", URL, 85);
		}

	}

}
