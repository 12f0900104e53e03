package io.octavia.core.portal.identityprovider;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.octavia.core.identity.IdentityProvider;
import io.octavia.core.identity.IdentityProviderManagement;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsolePermissions;
import io.octavia.core.platform.web.Flash;
import io.octavia.core.platform.web.FormErrors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's external OpenID Connect provider: {@code tenant:read} sees it,
 * {@code tenant:write} changes or removes it. The tenant is always the caller's own; the
 * client secret is never shown, an empty secret field keeps the stored one.
 */
@Controller
@RequestMapping(PortalIdentityProviderController.URL)
class PortalIdentityProviderController {

	static final String URL = "/portal/identity-provider";

	private static final String PAGE = "portal/identity-provider/identity-provider";

	private static final List<TenantRole> JIT_ROLES = Arrays.stream(TenantRole.values())
		.filter(role -> role != TenantRole.OWNER)
		.toList();

	private final IdentityProviderManagement providers;

	PortalIdentityProviderController(IdentityProviderManagement providers) {
		this.providers = providers;
	}

	@GetMapping
	String page(Model model) {
		TenantId tenant = ConsolePermissions.tenant(RolePermissions.TENANT_READ);
		Optional<IdentityProvider> provider = providers.find(tenant);
		show(provider, provider.map(IdentityProviderForm::of).orElseGet(IdentityProviderForm::empty), FormErrors.none(),
				false, model);
		return PAGE;
	}

	/** An unchecked box sends nothing: no value means disabled. */
	@PostMapping
	String save(IdentityProviderForm form, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		TenantId tenant = ConsolePermissions.tenant(RolePermissions.TENANT_WRITE);
		try {
			IdentityProvider saved = providers.configure(tenant, form.toCommand());
			if (!htmx.isHtmxRequest()) {
				redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.identity_provider.saved"));
				return "redirect:" + URL;
			}
			show(Optional.of(saved), IdentityProviderForm.of(saved), FormErrors.none(), true, model);
		}
		catch (DomainProblem problem) {
			show(providers.find(tenant), form.withoutSecret(), FormErrors.of(problem, Map.of(), Map.of()), false,
					model);
			response.setStatus(422);
		}
		return htmx.isHtmxRequest() ? PAGE + " :: provider-form" : PAGE;
	}

	@PostMapping("/remove")
	String remove(RedirectAttributes redirect) {
		TenantId tenant = ConsolePermissions.tenant(RolePermissions.TENANT_WRITE);
		providers.remove(tenant);
		redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.identity_provider.removed"));
		return "redirect:" + URL;
	}

	private static void show(Optional<IdentityProvider> provider, IdentityProviderForm form, FormErrors errors,
			boolean saved, Model model) {
		model.addAttribute("configured", provider.isPresent());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("saved", saved);
		model.addAttribute("roles", JIT_ROLES);
		model.addAttribute("canWrite", ConsolePermissions.holds(RolePermissions.TENANT_WRITE));
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution portalIdentityProviderNavigation() {
			return new ConsoleContribution(Console.PORTAL, Slot.NAVIGATION, "identity-provider",
					"portal.nav.identity_provider", URL, 87);
		}

	}

}
