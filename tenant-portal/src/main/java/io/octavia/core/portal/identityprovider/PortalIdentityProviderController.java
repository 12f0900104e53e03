package io.octavia.core.portal.identityprovider;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.octavia.core.identity.EmailDomain;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's external OpenID Connect provider: {@code tenant:read} sees it,
 * {@code tenant:write} changes or removes it. The tenant is always the caller's own; the
 * client secret is never shown, an empty secret field keeps the stored one. Below it, the
 * tenant's e-mail domains: added, proven by a DNS TXT record, removed.
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
		if (!model.containsAttribute("domains")) {
			showDomains(tenant, FormErrors.none(), "", null, model);
		}
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

	// ---- e-mail domains: only verified ones let addresses join just in time

	@PostMapping("/domains")
	String addDomain(@RequestParam(defaultValue = "") String domain, HtmxRequest htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		TenantId tenant = ConsolePermissions.tenant(RolePermissions.TENANT_WRITE);
		try {
			EmailDomain added = providers.addDomain(tenant, domain);
			if (!htmx.isHtmxRequest()) {
				redirect.addFlashAttribute(Flash.ATTRIBUTE,
						Flash.success("portal.identity_provider.domains.added", added.domain()));
				return "redirect:" + URL;
			}
			showDomains(tenant, FormErrors.none(), "", null, model);
		}
		catch (DomainProblem problem) {
			response.setStatus(422);
			showDomains(tenant, FormErrors.of(problem, Map.of("email_domain_exists", "domain"), Map.of()), domain, null,
					model);
		}
		return htmx.isHtmxRequest() ? PAGE + " :: domains" : page(model);
	}

	/**
	 * Looks for the domain's TXT record now; the section shows whether it was found, is
	 * not visible yet or belongs to another tenant.
	 */
	@PostMapping("/domains/verification")
	String verifyDomain(@RequestParam(defaultValue = "") String domain, HtmxRequest htmx, Model model,
			HttpServletResponse response) {
		TenantId tenant = ConsolePermissions.tenant(RolePermissions.TENANT_WRITE);
		FormErrors errors = FormErrors.none();
		@Nullable String verified = null;
		try {
			verified = providers.verifyDomain(tenant, domain).domain();
		}
		catch (DomainProblem problem) {
			response.setStatus(422);
			errors = FormErrors.of(problem, Map.of(), Map.of());
		}
		showDomains(tenant, errors, "", verified, model);
		return htmx.isHtmxRequest() ? PAGE + " :: domains" : page(model);
	}

	@PostMapping("/domains/removal")
	String removeDomain(@RequestParam(defaultValue = "") String domain, RedirectAttributes redirect) {
		TenantId tenant = ConsolePermissions.tenant(RolePermissions.TENANT_WRITE);
		providers.removeDomain(tenant, domain);
		redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.identity_provider.domains.removed", domain));
		return "redirect:" + URL;
	}

	private void showDomains(TenantId tenant, FormErrors errors, String entered, @Nullable String verified,
			Model model) {
		model.addAttribute("domains", providers.domains(tenant));
		model.addAttribute("domainErrors", errors);
		model.addAttribute("enteredDomain", entered);
		model.addAttribute("verifiedDomain", verified);
		model.addAttribute("canWrite", ConsolePermissions.holds(RolePermissions.TENANT_WRITE));
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
