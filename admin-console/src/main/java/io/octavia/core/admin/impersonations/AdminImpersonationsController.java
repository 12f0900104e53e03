package io.octavia.core.admin.impersonations;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.Impersonation;
import io.octavia.core.identity.ImpersonationManagement;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.identity.web.ImpersonationSession;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.platform.web.ConsoleLinks;
import io.octavia.core.platform.web.ConsolePermissions;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.Flash;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;

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
 * Starting and ending support impersonation from the operator console. Starting records
 * it (through the audited cross-tenant path) and puts its id in the console session; the
 * gateway then lets the operator see the tenant portal as the user until it ends. Ending
 * (the portal banner's button) and expiry bring the operator back to the users page. The
 * list shows every impersonation going on, by any operator, and ends any of them.
 */
@Controller
@RequestMapping(AdminImpersonationsController.URL)
class AdminImpersonationsController {

	static final String URL = "/admin/impersonations";

	private static final String USERS = "/admin/users";

	private static final String PAGE = "admin/impersonations/impersonations";

	private static final int LIMIT = 200;

	private final ImpersonationManagement impersonations;

	private final CrossTenantAccess crossTenant;

	private final IdentityManagement identity;

	private final TenantManagement tenants;

	AdminImpersonationsController(ImpersonationManagement impersonations, CrossTenantAccess crossTenant,
			IdentityManagement identity, TenantManagement tenants) {
		this.impersonations = impersonations;
		this.crossTenant = crossTenant;
		this.identity = identity;
		this.tenants = tenants;
	}

	@PostMapping
	// every parameter optional: the permission is checked before anything is read
	String start(@RequestParam(required = false) @Nullable String userId,
			@RequestParam(required = false) @Nullable String tenantId,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable Integer minutes,
			@RequestParam(required = false) @Nullable String email, HttpServletRequest request,
			RedirectAttributes redirect) {
		String actor = ConsolePermissions.operator(RolePermissions.IMPERSONATE);
		UserId operator = TenantContext.current().map(TenantContext.Scope::userId).orElse(null);
		if (operator == null) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "forbidden");
		}
		UserId user = parse(userId, UserId::of, String.valueOf(userId));
		TenantId tenant = parse(tenantId, TenantId::of, String.valueOf(userId));
		try {
			Impersonation started = crossTenant.call(actor, "Console POST " + URL,
					() -> impersonations.start(operator, tenant, user, reason, minutes));
			request.getSession().setAttribute(ImpersonationSession.ATTRIBUTE, started.id());
			return "redirect:/portal";
		}
		catch (DomainProblem problem) {
			if (problem.kind() != DomainProblem.Kind.BAD_REQUEST) {
				throw problem;
			}
			// the form's own mistakes: back to the account, with what to change
			redirect.addFlashAttribute(Flash.ATTRIBUTE,
					Flash.error("api.problem." + problem.code() + ".detail", problem.arguments().toArray()));
			return "redirect:" + ((email != null) ? ConsoleLinks.withQuery(USERS, Map.of("email", email)) : USERS);
		}
	}

	/**
	 * The impersonations going on now: who acts as whom in which tenant, why, since and
	 * until when; each can be ended at once.
	 */
	@GetMapping
	String list(Model model) {
		String actor = ConsolePermissions.operator(RolePermissions.IMPERSONATE);
		showOngoing(actor, "Console GET " + URL, model);
		return PAGE;
	}

	/** Ends another operator's (or one's own) impersonation from the list. */
	@PostMapping("/{impersonationId}/end")
	String endOne(@PathVariable String impersonationId, HtmxRequest htmx, Model model, RedirectAttributes redirect) {
		String actor = ConsolePermissions.operator(RolePermissions.IMPERSONATE);
		UUID id = parseId(impersonationId);
		Impersonation ended = impersonations.end(id);
		if (!htmx.isHtmxRequest()) {
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("admin.impersonations.ended", ended.userName()));
			return "redirect:" + URL;
		}
		model.addAttribute("endedName", ended.userName());
		showOngoing(actor, "Console POST " + URL + "/" + id + "/end", model);
		return PAGE + " :: ongoing";
	}

	/** The tenants' names are read across tenants, which is audited as such. */
	private void showOngoing(String actor, String purpose, Model model) {
		List<Impersonation> current = impersonations.ongoing(LIMIT);
		List<Ongoing> ongoing = current.isEmpty() ? List.of()
				: crossTenant.call(actor, purpose,
						() -> current.stream()
							.map(impersonation -> new Ongoing(impersonation,
									identity.find(impersonation.operatorId()).map(UserSummary::email).orElse("?"),
									tenants.find(impersonation.tenantId())
										.map(TenantDetails::name)
										.orElse(impersonation.tenantId().toString())))
							.toList());
		model.addAttribute("ongoing", ongoing);
	}

	/**
	 * A row of the list: the impersonation, its operator's address, its tenant's name.
	 */
	record Ongoing(Impersonation impersonation, String operatorEmail, String tenantName) {
	}

	/** The portal banner's "End now". */
	@PostMapping("/end")
	String end(HttpServletRequest request, RedirectAttributes redirect) {
		ConsolePermissions.operator(RolePermissions.IMPERSONATE);
		UserId operator = TenantContext.current().map(TenantContext.Scope::userId).orElse(null);
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(ImpersonationSession.ATTRIBUTE) instanceof UUID current) {
			if (operator != null) {
				impersonations.active(current, operator).ifPresent(active -> impersonations.end(active.id()));
			}
			session.removeAttribute(ImpersonationSession.ATTRIBUTE);
		}
		redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("admin.impersonation.ended"));
		return "redirect:" + USERS;
	}

	/** Where the portal sends an operator whose impersonation is over. */
	@GetMapping("/over")
	String over(RedirectAttributes redirect) {
		ConsolePermissions.operator(RolePermissions.IMPERSONATE);
		redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.info("admin.impersonation.over"));
		return "redirect:" + USERS;
	}

	private static UUID parseId(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "impersonation_not_found", id);
		}
	}

	/** An id that is no UUID names no member: the same answer as an unknown one. */
	private static <T> T parse(@Nullable String id, Function<String, T> parser, String userId) {
		if (id == null) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "member_not_found", userId);
		}
		try {
			return parser.apply(id);
		}
		catch (IllegalArgumentException ex) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "member_not_found", userId);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution adminImpersonationsNavigation() {
			return new ConsoleContribution(Console.ADMIN, Slot.NAVIGATION, "impersonations", "admin.nav.impersonations",
					URL, 25);
		}

	}

}
