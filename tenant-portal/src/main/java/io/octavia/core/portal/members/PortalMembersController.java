package io.octavia.core.portal.members;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.Invitation;
import io.octavia.core.identity.InvitationStatus;
import io.octavia.core.identity.Member;
import io.octavia.core.identity.MemberQuery;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's members and invitations: the list (filter by role and status, a page at a
 * time), a member's role (an inline select), disabling and enabling, removal (confirmed
 * first), inviting and revoking. Reading needs {@code users:read}, every change
 * {@code users:manage}; the tenant is always the caller's own, so another tenant's member
 * or invitation id is 404 like an unknown one. The domain's refusals that a person can
 * act on ({@code last_owner}, {@code owner_required}) are shown at the member's row.
 */
@Controller
@RequestMapping(PortalMembersController.URL)
class PortalMembersController {

	static final String URL = "/portal/members";

	static final String READ = RolePermissions.USERS_READ;

	static final String MANAGE = RolePermissions.USERS_MANAGE;

	private static final String PAGE = "portal/members/members";

	private static final String MORE = "members-more";

	/**
	 * Refusals about the member's row that a person can act on; others get the error
	 * page.
	 */
	private static final Set<String> ROW_PROBLEMS = Set.of("last_owner", "owner_required");

	private static final int INVITATIONS_SHOWN = 100;

	private final IdentityManagement identity;

	PortalMembersController(IdentityManagement identity) {
		this.identity = identity;
	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String role,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String cursor, Model model) {
		TenantId tenant = showMembers(role, status, cursor, model);
		showInvitations(tenant, InvitationForm.blank(), FormErrors.none(), false, model);
		return PAGE;
	}

	/** The filters swap the results; "load more" (target {@value #MORE}) adds rows. */
	@HxRequest
	@GetMapping
	String results(HtmxRequest htmx, @RequestParam(required = false) @Nullable String role,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String cursor, Model model) {
		showMembers(role, status, cursor, model);
		return PAGE + (MORE.equals(htmx.getTarget()) ? " :: rows" : " :: results");
	}

	@PostMapping("/{userId}/role")
	String changeRole(@PathVariable String userId, @RequestParam(required = false) @Nullable String role,
			HtmxRequest htmx, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		TenantRole wanted = InvitationForm.role(role);
		if (wanted == null) {
			TenantId tenant = ConsolePermissions.tenant(MANAGE);
			UserId id = parse(userId);
			List<FormErrors.Message> problems = List.of(new FormErrors.Message("api.field.member.role", List.of()));
			return refusedRow(identity.member(tenant, id), problems, htmx, model, response, redirect);
		}
		return change(userId, "portal.members.role_changed", htmx, model, response, redirect,
				(member) -> identity.changeRole(member.tenant(), member.user(), wanted));
	}

	@PostMapping("/{userId}/disabling")
	String disable(@PathVariable String userId, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return change(userId, "portal.members.disabled", htmx, model, response, redirect,
				(member) -> identity.changeMemberStatus(member.tenant(), member.user(), UserStatus.DISABLED));
	}

	@PostMapping("/{userId}/enabling")
	String enable(@PathVariable String userId, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return change(userId, "portal.members.enabled", htmx, model, response, redirect,
				(member) -> identity.changeMemberStatus(member.tenant(), member.user(), UserStatus.ACTIVE));
	}

	/** The confirmation step of a removal: the page with the question on top. */
	@GetMapping("/{userId}/removal")
	String removalPage(@PathVariable String userId, Model model) {
		TenantId tenant = ConsolePermissions.tenant(MANAGE);
		Member member = identity.member(tenant, parse(userId));
		showMembers(null, null, null, model);
		showInvitations(tenant, InvitationForm.blank(), FormErrors.none(), false, model);
		model.addAttribute("removing", member);
		return PAGE;
	}

	/** The confirmation step of a removal (htmx): the member's row with the question. */
	@HxRequest
	@GetMapping("/{userId}/removal")
	String removal(@PathVariable String userId, Model model) {
		TenantId tenant = ConsolePermissions.tenant(MANAGE);
		Member member = identity.member(tenant, parse(userId));
		showRow(member, List.of(), model);
		model.addAttribute("confirmRemoval", member.userId());
		return PAGE + " :: member-row";
	}

	@PostMapping("/{userId}/removal")
	String remove(@PathVariable String userId, RedirectAttributes redirect) {
		TenantId tenant = ConsolePermissions.tenant(MANAGE);
		Member member = identity.member(tenant, parse(userId));
		try {
			identity.removeMember(tenant, member.userId());
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.members.removed", member.email()));
		}
		catch (DomainProblem problem) {
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.error(rowMessage(problem).key(), member.email()));
		}
		return "redirect:" + URL;
	}

	/**
	 * Invites an address; htmx gets the invitations part back (sent, or 422 with the
	 * problems at their fields and the input kept).
	 */
	@PostMapping("/invitations")
	String invite(InvitationForm form, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		TenantId tenant = ConsolePermissions.tenant(MANAGE);
		FormErrors errors;
		TenantRole role = InvitationForm.role(form.role());
		if (role == null) {
			errors = FormErrors.field("role", "api.field.member.role");
		}
		else {
			try {
				Invitation invitation = identity.invite(tenant, form.emailOrBlank(), role);
				if (!htmx.isHtmxRequest()) {
					redirect.addFlashAttribute(Flash.ATTRIBUTE,
							Flash.success("portal.invitations.sent", invitation.email()));
					return "redirect:" + URL;
				}
				showInvitations(tenant, InvitationForm.blank(), FormErrors.none(), true, model);
				return PAGE + " :: invitations";
			}
			catch (DomainProblem problem) {
				errors = InvitationForm.errors(problem);
			}
		}
		response.setStatus(422);
		if (htmx.isHtmxRequest()) {
			showInvitations(tenant, form, errors, false, model);
			return PAGE + " :: invitations";
		}
		showMembers(null, null, null, model);
		showInvitations(tenant, form, errors, false, model);
		return PAGE;
	}

	@PostMapping("/invitations/{invitationId}/revocation")
	String revoke(@PathVariable String invitationId, RedirectAttributes redirect) {
		TenantId tenant = ConsolePermissions.tenant(MANAGE);
		UUID id;
		try {
			id = UUID.fromString(invitationId);
		}
		catch (IllegalArgumentException ex) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "invitation_not_found", invitationId);
		}
		try {
			identity.revokeInvitation(tenant, id);
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success("portal.invitations.revoked"));
		}
		catch (DomainProblem problem) {
			if (problem.kind() == DomainProblem.Kind.NOT_FOUND) {
				throw problem;
			}
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.error("api.problem." + problem.code() + ".detail"));
		}
		return "redirect:" + URL;
	}

	/**
	 * A change of one member: htmx gets the member's row back (changed, or 422 with the
	 * refusal at the row), a plain post a redirect with a flash message.
	 */
	private String change(String userId, String doneKey, HtmxRequest htmx, Model model, HttpServletResponse response,
			RedirectAttributes redirect, Function<MemberRef, Member> action) {
		TenantId tenant = ConsolePermissions.tenant(MANAGE);
		Member member = identity.member(tenant, parse(userId));
		Member changed;
		try {
			changed = action.apply(new MemberRef(tenant, member.userId()));
		}
		catch (DomainProblem problem) {
			return refusedRow(member, List.of(rowMessage(problem)), htmx, model, response, redirect);
		}
		if (!htmx.isHtmxRequest()) {
			redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.success(doneKey, changed.email()));
			return "redirect:" + URL;
		}
		showRow(changed, List.of(), model);
		model.addAttribute("rowSaved", doneKey);
		return PAGE + " :: member-row";
	}

	private String refusedRow(Member member, List<FormErrors.Message> problems, HtmxRequest htmx, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (!htmx.isHtmxRequest()) {
			FormErrors.Message problem = problems.getFirst();
			redirect.addFlashAttribute(Flash.ATTRIBUTE,
					new Flash(Flash.Kind.ERROR, problem.key(), problem.arguments()));
			return "redirect:" + URL;
		}
		response.setStatus(422);
		showRow(member, problems, model);
		return PAGE + " :: member-row";
	}

	/**
	 * The friendly text of a refusal at a member's row; any other refusal is rethrown.
	 */
	private static FormErrors.Message rowMessage(DomainProblem problem) {
		if (!ROW_PROBLEMS.contains(problem.code())) {
			throw problem;
		}
		return new FormErrors.Message("portal.members.problem." + problem.code(), List.of());
	}

	private TenantId showMembers(@Nullable String role, @Nullable String status, @Nullable String cursor, Model model) {
		TenantId tenant = ConsolePermissions.tenant(READ);
		MemberQuery query = MemberListView.query(role, status, cursor);
		MemberListView view;
		if (query == null) {
			view = MemberListView.refused(role, status, FormErrors.field("filter", "portal.members.filter.invalid"));
		}
		else {
			view = MemberListView.of(role, status, identity.members(tenant, query), URL);
		}
		model.addAttribute("list", view);
		addChoices(model);
		return tenant;
	}

	private void showInvitations(TenantId tenant, InvitationForm form, FormErrors errors, boolean sent, Model model) {
		List<Invitation> pending = identity.invitations(tenant, null, INVITATIONS_SHOWN)
			.items()
			.stream()
			.filter(invitation -> invitation.status() == InvitationStatus.PENDING)
			.toList();
		model.addAttribute("invitations", pending);
		model.addAttribute("inviteForm", form);
		model.addAttribute("inviteErrors", errors);
		model.addAttribute("inviteSent", sent);
		addChoices(model);
	}

	private static void showRow(Member member, List<FormErrors.Message> problems, Model model) {
		model.addAttribute("member", member);
		model.addAttribute("rowProblems", problems);
		addChoices(model);
	}

	private static void addChoices(Model model) {
		model.addAttribute("roles", MemberListView.ROLES);
		model.addAttribute("statuses", MemberListView.STATUSES);
		model.addAttribute("canManage", ConsolePermissions.holds(MANAGE));
	}

	/** An id that is no UUID names no member: the same answer as an unknown one. */
	private static UserId parse(String userId) {
		try {
			return UserId.of(userId);
		}
		catch (IllegalArgumentException ex) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "member_not_found", userId);
		}
	}

	private record MemberRef(TenantId tenant, UserId user) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution portalMembersNavigation() {
			return new ConsoleContribution(Console.PORTAL, Slot.NAVIGATION, "members", "portal.nav.members", URL, 60);
		}

	}

}
