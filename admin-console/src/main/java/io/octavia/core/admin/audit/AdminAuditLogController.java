package io.octavia.core.admin.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.octavia.core.audit.AuditManagement;
import io.octavia.core.audit.ChainVerification;
import io.octavia.core.audit.web.AuditFilterForm;
import io.octavia.core.audit.web.AuditLogView;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's audit log viewer: a tenant's log ({@code ?tenant=<id>}, read through
 * {@link CrossTenantAccess}, which records the reading in the platform's log) or, without
 * a tenant, the platform's own log of cross-tenant access. One URL, two handlers: the
 * page and its htmx twin, which answers a new filter with the results and "load more"
 * (target {@code audit-more}) with the next rows. Needs authority {@code audit:read} and
 * a caller without a tenant.
 */
@Controller
@RequestMapping(AdminAuditLogController.URL)
class AdminAuditLogController {

	static final String URL = "/admin/audit";

	private static final String VIEW = "admin/audit/audit";

	private static final String FRAGMENTS = "audit/audit-log";

	private static final String MORE = "audit-more";

	private final AuditManagement audit;

	private final TenantManagement tenants;

	private final CrossTenantAccess crossTenant;

	AdminAuditLogController(AuditManagement audit, TenantManagement tenants, CrossTenantAccess crossTenant) {
		this.audit = audit;
		this.tenants = tenants;
		this.crossTenant = crossTenant;
	}

	@GetMapping
	String page(@RequestParam(required = false) @Nullable String tenant, AuditFilterForm filter, Model model) {
		show(tenant, filter, model);
		return VIEW;
	}

	/** A new filter swaps the results; "load more" (target {@value #MORE}) adds rows. */
	@HxRequest
	@GetMapping
	String results(HtmxRequest htmx, @RequestParam(required = false) @Nullable String tenant, AuditFilterForm filter,
			Model model) {
		show(tenant, filter, model);
		return FRAGMENTS + (MORE.equals(htmx.getTarget()) ? " :: rows" : " :: results");
	}

	@GetMapping("/verification")
	String verificationPage(@RequestParam(required = false) @Nullable String tenant, Model model) {
		show(tenant, AuditFilterForm.empty(), model);
		verify(tenant, model);
		return VIEW;
	}

	@HxRequest
	@GetMapping("/verification")
	String verification(@RequestParam(required = false) @Nullable String tenant, Model model) {
		verify(tenant, model);
		return FRAGMENTS + " :: verification";
	}

	private void show(@Nullable String tenantParameter, AuditFilterForm filter, Model model) {
		String actor = operator();
		Map<String, String> fixed = new LinkedHashMap<>();
		Optional<TenantId> tenant = tenant(tenantParameter);
		AuditLogView view;
		if (tenantParameter != null && !tenantParameter.isBlank() && tenant.isEmpty()) {
			view = new AuditLogView(filter, List.of(), null, Map.of("tenant", "admin.audit.tenant_invalid"));
		}
		else if (tenant.isPresent()) {
			TenantId id = tenant.get();
			fixed.put("tenant", id.toString());
			TenantLog log = crossTenant.call(actor, "Console GET " + URL + "?tenant=" + id, () -> {
				TenantDetails details = tenants.find(id).orElse(null);
				return new TenantLog(details,
						(details != null) ? AuditLogView.of(filter, URL, fixed, query -> audit.find(id, query))
								: AuditLogView.empty(filter));
			});
			model.addAttribute("tenant", log.tenant());
			model.addAttribute("tenantMissing", log.tenant() == null);
			view = log.view();
		}
		else {
			view = AuditLogView.of(filter, URL, fixed, query -> audit.find(AuditManagement.PLATFORM, query));
		}
		model.addAttribute("audit", view);
		model.addAttribute("actorKinds", AuditLogView.ACTOR_KINDS);
		model.addAttribute("tenantParameter", tenantParameter);
		model.addAttribute("auditUrl", URL);
		model.addAttribute("resetUrl", AuditLogView.link(URL, fixed));
		model.addAttribute("verifyUrl", AuditLogView.link(URL + "/verification", fixed));
	}

	private void verify(@Nullable String tenantParameter, Model model) {
		String actor = operator();
		TenantId tenant = tenant(tenantParameter).orElse(null);
		if (tenant == null && tenantParameter != null && !tenantParameter.isBlank()) {
			new FieldProblems().add("tenant", "admin.audit.tenant_invalid").throwIfAny();
		}
		ChainVerification verification;
		if (tenant == null) {
			verification = audit.verify(AuditManagement.PLATFORM);
		}
		else {
			verification = crossTenant.call(actor, "Console GET " + URL + "/verification?tenant=" + tenant,
					() -> audit.verify(tenant));
		}
		model.addAttribute("verification", verification);
	}

	/** Operators are callers without a tenant; a tenant's caller has the portal. */
	private static String operator() {
		TenantContext.Scope caller = TenantContext.current()
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.FORBIDDEN, "forbidden"));
		if (caller.tenantId() != null) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "forbidden");
		}
		return caller.actor();
	}

	private static Optional<TenantId> tenant(@Nullable String parameter) {
		if (parameter == null || parameter.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(new TenantId(UUID.fromString(parameter.strip())));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private record TenantLog(@Nullable TenantDetails tenant, AuditLogView view) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution adminAuditNavigation() {
			return new ConsoleContribution(Console.ADMIN, Slot.NAVIGATION, "audit", "admin.nav.audit", URL, 90);
		}

	}

}
