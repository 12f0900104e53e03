package io.octavia.core.portal.audit;

import java.util.Map;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.octavia.core.audit.AuditManagement;
import io.octavia.core.audit.web.AuditFilterForm;
import io.octavia.core.audit.web.AuditLogView;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The tenant's own audit log, read in the tenant's scope. One URL, two handlers: the page
 * and its htmx twin, which answers a new filter with the results and "load more" (target
 * {@code audit-more}) with the next rows. Needs authority {@code audit:read} and a
 * tenant.
 */
@Controller
@RequestMapping(PortalAuditLogController.URL)
class PortalAuditLogController {

	static final String URL = "/portal/audit";

	private static final String VIEW = "portal/audit/audit";

	private static final String FRAGMENTS = "audit/audit-log";

	private static final String MORE = "audit-more";

	private final AuditManagement audit;

	PortalAuditLogController(AuditManagement audit) {
		this.audit = audit;
	}

	@GetMapping
	String page(AuditFilterForm filter, Model model) {
		show(filter, model);
		return VIEW;
	}

	/** A new filter swaps the results; "load more" (target {@value #MORE}) adds rows. */
	@HxRequest
	@GetMapping
	String results(HtmxRequest htmx, AuditFilterForm filter, Model model) {
		show(filter, model);
		return FRAGMENTS + (MORE.equals(htmx.getTarget()) ? " :: rows" : " :: results");
	}

	@GetMapping("/verification")
	String verificationPage(Model model) {
		show(AuditFilterForm.empty(), model);
		model.addAttribute("verification", audit.verify(TenantContext.requireTenant()));
		return VIEW;
	}

	@HxRequest
	@GetMapping("/verification")
	String verification(Model model) {
		model.addAttribute("verification", audit.verify(TenantContext.requireTenant()));
		return FRAGMENTS + " :: verification";
	}

	private void show(AuditFilterForm filter, Model model) {
		TenantId tenant = TenantContext.requireTenant();
		model.addAttribute("audit", AuditLogView.of(filter, URL, Map.of(), query -> audit.find(tenant, query)));
		model.addAttribute("actorKinds", AuditLogView.ACTOR_KINDS);
		model.addAttribute("auditUrl", URL);
		model.addAttribute("resetUrl", URL);
		model.addAttribute("verifyUrl", URL + "/verification");
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution portalAuditNavigation() {
			return new ConsoleContribution(Console.PORTAL, Slot.NAVIGATION, "audit", "portal.nav.audit", URL, 90);
		}

	}

}
