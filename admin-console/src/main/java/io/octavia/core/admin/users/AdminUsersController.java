package io.octavia.core.admin.users;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsoleLinks;
import io.octavia.core.platform.web.ConsolePermissions;
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
 * Accounts across every tenant, for operators: search by the start of the e-mail address,
 * each account with its memberships, and disabling or enabling an account (confirmed
 * first). Searching needs {@code users:read}, changing {@code users:manage}; everything
 * goes through the audited {@link CrossTenantAccess}, with the page as the reason, as the
 * API's operator users endpoint does.
 */
@Controller
@RequestMapping(AdminUsersController.URL)
class AdminUsersController {

	static final String URL = "/admin/users";

	static final String READ = RolePermissions.USERS_READ;

	static final String MANAGE = RolePermissions.USERS_MANAGE;

	private static final String PAGE = "admin/users/users";

	private static final int LIMIT = 50;

	private final IdentityManagement identity;

	private final TenantManagement tenants;

	private final CrossTenantAccess crossTenant;

	AdminUsersController(IdentityManagement identity, TenantManagement tenants, CrossTenantAccess crossTenant) {
		this.identity = identity;
		this.tenants = tenants;
		this.crossTenant = crossTenant;
	}

	@GetMapping
	String page(@RequestParam(required = false) @Nullable String email, Model model) {
		search(email, model);
		return PAGE;
	}

	/** Typing swaps the results. */
	@HxRequest
	@GetMapping
	String results(@RequestParam(required = false) @Nullable String email, Model model) {
		search(email, model);
		return PAGE + " :: results";
	}

	/**
	 * The confirmation step of disabling or enabling: the page with the question on top.
	 */
	@GetMapping("/{userId}/confirmation")
	String confirmationPage(@PathVariable String userId, @RequestParam String action, Model model) {
		AccountRow account = confirm(userId, action, model);
		search(account.user().email(), model);
		return PAGE;
	}

	/** The confirmation step (htmx): the question in place of the account's actions. */
	@HxRequest
	@GetMapping("/{userId}/confirmation")
	String confirmation(@PathVariable String userId, @RequestParam String action, Model model) {
		confirm(userId, action, model);
		return PAGE + " :: confirmation";
	}

	@PostMapping("/{userId}/disabling")
	String disable(@PathVariable String userId, RedirectAttributes redirect) {
		return changeStatus(userId, UserStatus.DISABLED, "disabling", "admin.users.disabled", redirect);
	}

	@PostMapping("/{userId}/enabling")
	String enable(@PathVariable String userId, RedirectAttributes redirect) {
		return changeStatus(userId, UserStatus.ACTIVE, "enabling", "admin.users.enabled", redirect);
	}

	private String changeStatus(String userId, UserStatus status, String step, String doneKey,
			RedirectAttributes redirect) {
		String actor = ConsolePermissions.operator(MANAGE);
		UserId id = parse(userId);
		UserSummary changed = crossTenant.call(actor, "Console POST " + URL + "/" + id + "/" + step, () -> {
			existing(id);
			return identity.changeAccountStatus(id, status);
		});
		redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success(doneKey, changed.email()));
		return "redirect:" + ConsoleLinks.withQuery(URL, Map.of("email", changed.email()));
	}

	private AccountRow confirm(String userId, String action, Model model) {
		String actor = ConsolePermissions.operator(MANAGE);
		UserId id = parse(userId);
		AccountRow account = crossTenant.call(actor, "Console GET " + URL + "/" + id + "/confirmation",
				() -> row(existing(id), new HashMap<>()));
		boolean offered = switch (action) {
			case "disable" -> account.user().status() == UserStatus.ACTIVE;
			case "enable" -> account.user().status() == UserStatus.DISABLED;
			default -> false;
		};
		if (!offered) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "not_found");
		}
		model.addAttribute("confirming", account);
		model.addAttribute("confirm", action);
		return account;
	}

	private void search(@Nullable String email, Model model) {
		String actor = ConsolePermissions.operator(READ);
		String prefix = (email != null) ? email.strip() : "";
		List<AccountRow> accounts = prefix.isEmpty() ? List.of() : crossTenant.call(actor, "Console GET " + URL, () -> {
			Map<TenantId, String> names = new HashMap<>();
			return identity.searchByEmail(prefix, LIMIT).stream().map(user -> row(user, names)).toList();
		});
		model.addAttribute("email", prefix);
		model.addAttribute("searched", !prefix.isEmpty());
		model.addAttribute("accounts", accounts);
		model.addAttribute("canManage", ConsolePermissions.holds(MANAGE));
		model.addAttribute("canImpersonate", ConsolePermissions.holds(RolePermissions.IMPERSONATE));
	}

	/** Inside the cross-tenant work: the account, its memberships and their tenants. */
	private AccountRow row(UserSummary user, Map<TenantId, String> names) {
		return new AccountRow(user,
				identity.allMembershipsOf(user.id())
					.stream()
					.map(membership -> new AccountRow.MembershipRow(membership.tenantId(),
							names.computeIfAbsent(membership.tenantId(),
									tenant -> tenants.find(tenant).map(TenantDetails::name).orElse(tenant.toString())),
							membership.role(), membership.status()))
					.toList());
	}

	private UserSummary existing(UserId id) {
		return identity.find(id)
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "user_not_found", id.toString()));
	}

	/** An id that is no UUID names no account: the same answer as an unknown one. */
	private static UserId parse(String userId) {
		try {
			return UserId.of(userId);
		}
		catch (IllegalArgumentException ex) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "user_not_found", userId);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution adminUsersNavigation() {
			return new ConsoleContribution(Console.ADMIN, Slot.NAVIGATION, "users", "admin.nav.users", URL, 20);
		}

	}

}
