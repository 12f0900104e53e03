package io.octavia.core.admin.tenants;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.octavia.core.audit.AuditManagement;
import io.octavia.core.audit.web.AuditFilterForm;
import io.octavia.core.audit.web.AuditLogView;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.CrossTenantAccess;
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
import io.octavia.core.tenancy.TenantPage;
import io.octavia.core.tenancy.TenantQuery;
import io.octavia.core.tenancy.TenantStatus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's tenants: the list (search as you type, status filter, a page at a time),
 * a new tenant, and a tenant's page with its brands, its audit log and the status
 * actions, each confirmed first. Reading needs {@code tenants:read}, changing
 * {@code tenants:write}, the audit tab {@code audit:read}; every read or change of an
 * existing tenant goes through the audited {@link CrossTenantAccess}, with the page as
 * the reason. One URL, two handlers where htmx swaps a part of the page.
 */
@Controller
@RequestMapping(AdminTenantsController.URL)
class AdminTenantsController {

	static final String URL = "/admin/tenants";

	static final String READ = "tenants:read";

	static final String WRITE = "tenants:write";

	static final String AUDIT_READ = "audit:read";

	static final String LEDGER_READ = "ledger:read";

	private static final String LIST = "admin/tenants/tenants";

	private static final String NEW = "admin/tenants/new";

	private static final String DETAIL = "admin/tenants/tenant";

	private static final String MORE = "tenants-more";

	private static final String AUDIT_MORE = "audit-more";

	/** The status actions and the state each is offered in. */
	private static final Map<String, Set<TenantStatus>> ACTIONS = Map.of("suspend", Set.of(TenantStatus.ACTIVE),
			"resume", Set.of(TenantStatus.SUSPENDED), "close", Set.of(TenantStatus.ACTIVE, TenantStatus.SUSPENDED));

	private final TenantManagement tenants;

	private final BrandManagement brands;

	private final AuditManagement audit;

	private final CrossTenantAccess crossTenant;

	AdminTenantsController(TenantManagement tenants, BrandManagement brands, AuditManagement audit,
			CrossTenantAccess crossTenant) {
		this.tenants = tenants;
		this.brands = brands;
		this.audit = audit;
		this.crossTenant = crossTenant;
	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String cursor, Model model) {
		show(q, status, cursor, model);
		return LIST;
	}

	/**
	 * Typing and the filter swap the results; "load more" (target {@value #MORE}) adds
	 * rows.
	 */
	@HxRequest
	@GetMapping
	String results(HtmxRequest htmx, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String cursor, Model model) {
		show(q, status, cursor, model);
		return LIST + (MORE.equals(htmx.getTarget()) ? " :: rows" : " :: results");
	}

	@GetMapping("/new")
	String newTenant(Model model) {
		ConsolePermissions.operator(WRITE);
		model.addAttribute("form", TenantForm.blank());
		model.addAttribute("errors", FormErrors.none());
		return NEW;
	}

	/**
	 * Creates the tenant and opens its page; a refusal comes back as the form with the
	 * problems next to their fields (422), the input kept.
	 */
	@PostMapping
	String create(TenantForm form, HtmxRequest htmx, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		ConsolePermissions.operator(WRITE);
		TenantDetails tenant;
		try {
			tenant = tenants.create(form.toCommand());
		}
		catch (DomainProblem problem) {
			model.addAttribute("form", form);
			model.addAttribute("errors", TenantForm.errors(problem));
			response.setStatus(422);
			return htmx.isHtmxRequest() ? NEW + " :: tenant-form" : NEW;
		}
		Flash created = Flash.success("admin.tenants.created", tenant.name());
		String page = URL + "/" + tenant.id();
		if (htmx.isHtmxRequest()) {
			return HtmxRedirect.to(page, created, request, response);
		}
		redirect.addFlashAttribute(Flash.ATTRIBUTE, created);
		return "redirect:" + page;
	}

	@GetMapping("/{tenantId}")
	String detail(@PathVariable String tenantId, Model model) {
		showTenant(tenantId, "brands", model);
		return DETAIL;
	}

	@GetMapping("/{tenantId}/audit")
	String auditPage(@PathVariable String tenantId, AuditFilterForm filter, Model model) {
		ConsolePermissions.operator(AUDIT_READ);
		TenantId id = showTenant(tenantId, "audit", model);
		showAudit(id, filter, model);
		return DETAIL;
	}

	/** The audit tab, and its "load more" (target {@value #AUDIT_MORE}). */
	@HxRequest
	@GetMapping("/{tenantId}/audit")
	String audit(HtmxRequest htmx, @PathVariable String tenantId, AuditFilterForm filter, Model model) {
		ConsolePermissions.operator(AUDIT_READ);
		showAudit(existing(tenantId), filter, model);
		return AUDIT_MORE.equals(htmx.getTarget()) ? "audit/audit-log :: rows" : DETAIL + " :: audit";
	}

	/**
	 * The confirmation step of a status action: the page with the question, or (htmx)
	 * only the question, in place of the action buttons.
	 */
	@GetMapping("/{tenantId}/confirmation")
	String confirmationPage(@PathVariable String tenantId, @RequestParam String action, Model model) {
		ConsolePermissions.operator(WRITE);
		showTenant(tenantId, "brands", model);
		confirm(action, model);
		return DETAIL;
	}

	@HxRequest
	@GetMapping("/{tenantId}/confirmation")
	String confirmation(@PathVariable String tenantId, @RequestParam String action, Model model) {
		ConsolePermissions.operator(WRITE);
		showTenant(tenantId, "brands", model);
		confirm(action, model);
		return DETAIL + " :: status-actions";
	}

	@PostMapping("/{tenantId}/suspension")
	String suspend(@PathVariable String tenantId, RedirectAttributes redirect) {
		return transition(tenantId, "suspension", "admin.tenants.suspended", redirect, tenants::suspend);
	}

	@PostMapping("/{tenantId}/resumption")
	String resume(@PathVariable String tenantId, RedirectAttributes redirect) {
		return transition(tenantId, "resumption", "admin.tenants.resumed", redirect, tenants::resume);
	}

	@PostMapping("/{tenantId}/closure")
	String close(@PathVariable String tenantId, RedirectAttributes redirect) {
		return transition(tenantId, "closure", "admin.tenants.closed", redirect, tenants::close);
	}

	private String transition(String tenantId, String action, String doneKey, RedirectAttributes redirect,
			Function<TenantId, TenantDetails> change) {
		String actor = ConsolePermissions.operator(WRITE);
		TenantId id = parse(tenantId);
		String page = URL + "/" + id;
		try {
			TenantDetails changed = crossTenant.call(actor, "Console POST " + page + "/" + action,
					() -> change.apply(id));
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success(doneKey, changed.name()));
		}
		catch (DomainProblem problem) {
			if (problem.kind() == DomainProblem.Kind.NOT_FOUND) {
				throw problem;
			}
			redirect.addFlashAttribute(Flash.ATTRIBUTE,
					new Flash(Flash.Kind.ERROR, "api.problem." + problem.code() + ".detail", problem.arguments()));
		}
		return "redirect:" + page;
	}

	private void show(@Nullable String q, @Nullable String status, @Nullable String cursor, Model model) {
		String actor = ConsolePermissions.operator(READ);
		TenantQuery query = TenantListView.query(q, status, cursor);
		TenantListView view;
		if (query == null) {
			view = TenantListView.refused(q, status, FormErrors.field("status", "api.field.tenant.status"));
		}
		else {
			view = search(actor, q, status, query);
		}
		model.addAttribute("list", view);
		model.addAttribute("statuses", TenantListView.STATUSES);
		model.addAttribute("canCreate", ConsolePermissions.holds(WRITE));
	}

	private TenantListView search(String actor, @Nullable String q, @Nullable String status, TenantQuery query) {
		try {
			TenantPage page = crossTenant.call(actor, "Console GET " + URL, () -> tenants.search(query));
			return TenantListView.of(q, status, page, URL);
		}
		catch (DomainProblem problem) {
			return TenantListView.refused(q, status, FormErrors.of(problem, Map.of(), Map.of()));
		}
	}

	private TenantId showTenant(String tenantId, String tab, Model model) {
		String actor = ConsolePermissions.operator(READ);
		TenantId id = parse(tenantId);
		TenantOverview overview = crossTenant.call(actor, "Console GET " + URL + "/" + id, () -> {
			TenantDetails tenant = tenants.find(id).orElseThrow(() -> notFound(id));
			return new TenantOverview(tenant, brands.list(id));
		});
		model.addAttribute("tenant", overview.tenant());
		model.addAttribute("brands", overview.brands());
		model.addAttribute("tab", tab);
		model.addAttribute("actions",
				ACTIONS.entrySet()
					.stream()
					.filter(action -> action.getValue().contains(overview.tenant().status()))
					.map(Map.Entry::getKey)
					.sorted()
					.toList());
		model.addAttribute("canWrite", ConsolePermissions.holds(WRITE));
		model.addAttribute("canEditBrands", ConsolePermissions.holds(AdminBrandsController.WRITE));
		model.addAttribute("canReadAudit", ConsolePermissions.holds(AUDIT_READ));
		model.addAttribute("canReadLedgers", ConsolePermissions.holds(LEDGER_READ));
		return id;
	}

	private void showAudit(TenantId id, AuditFilterForm filter, Model model) {
		String actor = ConsolePermissions.operator(AUDIT_READ);
		String url = URL + "/" + id + "/audit";
		model.addAttribute("audit", AuditLogView.of(filter, url, Map.of(),
				query -> crossTenant.call(actor, "Console GET " + url, () -> audit.find(id, query))));
	}

	private TenantId existing(String tenantId) {
		String actor = ConsolePermissions.operator(READ);
		TenantId id = parse(tenantId);
		crossTenant.call(actor, "Console GET " + URL + "/" + id + "/audit",
				() -> tenants.find(id).orElseThrow(() -> notFound(id)));
		return id;
	}

	private static void confirm(String action, Model model) {
		@SuppressWarnings("unchecked")
		List<String> offered = (List<String>) model.getAttribute("actions");
		if (offered == null || !offered.contains(action)) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "not_found");
		}
		model.addAttribute("confirm", action);
	}

	/** An id that is no UUID names no tenant: the same answer as an unknown one. */
	private static TenantId parse(String tenantId) {
		try {
			return new TenantId(UUID.fromString(tenantId));
		}
		catch (IllegalArgumentException ex) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", tenantId);
		}
	}

	private static DomainProblem notFound(TenantId id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", id.toString());
	}

	private record TenantOverview(TenantDetails tenant, List<BrandDetails> brands) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution adminTenantsNavigation() {
			return new ConsoleContribution(Console.ADMIN, Slot.NAVIGATION, "tenants", "admin.nav.tenants", URL, 10);
		}

	}

}
