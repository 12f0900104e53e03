package io.octavia.core.identity.internal;

import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.Invitation;
import io.octavia.core.identity.InvitationPage;
import io.octavia.core.identity.InvitationRevoked;
import io.octavia.core.identity.Member;
import io.octavia.core.identity.MemberPage;
import io.octavia.core.identity.MemberQuery;
import io.octavia.core.identity.MemberRemoved;
import io.octavia.core.identity.MemberRoleChanged;
import io.octavia.core.identity.MemberStatusChanged;
import io.octavia.core.identity.Membership;
import io.octavia.core.identity.MfaPolicyChanged;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserInvited;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's people: its members (role, status, removal), its invitations and its
 * security policy. Every change that could leave the tenant without an active owner locks
 * the tenant's memberships first, so concurrent changes are decided one after the other.
 */
@Component
@Transactional
public class TenantMembers {

	private final Memberships memberships;

	private final Invitations invitations;

	private final UserAccounts accounts;

	private final MailLinks links;

	private final IdentityProperties properties;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	TenantMembers(Memberships memberships, Invitations invitations, UserAccounts accounts, MailLinks links,
			IdentityProperties properties, ApplicationEventPublisher events, JdbcClient jdbc) {
		this.memberships = memberships;
		this.invitations = invitations;
		this.accounts = accounts;
		this.links = links;
		this.properties = properties;
		this.events = events;
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public MemberPage list(TenantId tenant, MemberQuery query) {
		return memberships.list(tenant, query);
	}

	@Transactional(readOnly = true)
	public Member member(TenantId tenant, UserId user) {
		return memberships.member(tenant, user).orElseThrow(() -> memberNotFound(user));
	}

	public Member changeRole(TenantId tenant, UserId user, TenantRole role) {
		Membership current = lockedMember(tenant, user);
		if (current.role() == role) {
			return member(current);
		}
		requireOwnerForOwnership(tenant, current.role(), role);
		if (current.role() == TenantRole.OWNER) {
			refuseLastOwner(tenant, user);
		}
		memberships.changeRole(tenant, user, role);
		events.publishEvent(new MemberRoleChanged(Events.metadata(tenant, null), tenant, user, current.role(), role));
		return member(tenant, user);
	}

	public void remove(TenantId tenant, UserId user) {
		Membership current = lockedMember(tenant, user);
		requireOwnerForOwnership(tenant, current.role(), current.role());
		refuseLastOwner(tenant, user);
		memberships.remove(tenant, user);
		events.publishEvent(new MemberRemoved(Events.metadata(tenant, null), tenant, user, current.role()));
	}

	public Member changeStatus(TenantId tenant, UserId user, UserStatus status) {
		Membership current = lockedMember(tenant, user);
		if (current.status() == status) {
			return member(current);
		}
		requireOwnerForOwnership(tenant, current.role(), current.role());
		if (status == UserStatus.DISABLED) {
			refuseLastOwner(tenant, user);
		}
		memberships.changeStatus(tenant, user, status);
		events.publishEvent(new MemberStatusChanged(Events.metadata(tenant, null), tenant, user, status));
		return member(tenant, user);
	}

	public Invitation invite(TenantId tenant, String email, TenantRole role) {
		requireOwnerForOwnership(tenant, role, role);
		accounts.accountByEmail(email)
			.flatMap(account -> memberships.find(tenant, account.id()))
			.ifPresent(existing -> {
				throw new DomainProblem(DomainProblem.Kind.CONFLICT, "membership_exists");
			});
		TenantContext.Scope scope = TenantContext.current().orElse(null);
		Invitations.Issued issued = invitations.create(tenant, (scope != null) ? scope.brandId() : null, email, role,
				(scope != null) ? scope.userId() : null, properties.invitationTtl());
		Invitation invitation = issued.invitation();
		events.publishEvent(new UserInvited(Events.metadata(tenant, null), invitation.id(), tenant, email, role,
				invitation.expiresAt(), links.sealed(MailLinks.INVITATION, issued.token())));
		return invitation;
	}

	@Transactional(readOnly = true)
	public InvitationPage invitations(TenantId tenant, @Nullable String cursor, int limit) {
		return invitations.list(tenant, cursor, limit);
	}

	public void revoke(TenantId tenant, UUID invitationId) {
		Invitation invitation = invitations.find(tenant, invitationId)
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "invitation_not_found",
					invitationId.toString()));
		if (!invitations.revoke(tenant, invitationId)) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "invitation_not_pending");
		}
		events.publishEvent(
				new InvitationRevoked(Events.metadata(tenant, null), invitationId, tenant, invitation.email()));
	}

	public void requireMfa(TenantId tenant, boolean required) {
		int changed = jdbc.sql("""
				INSERT INTO tenant_security_policy (tenant_id, mfa_required) VALUES (?, ?)
				ON CONFLICT (tenant_id) DO UPDATE SET mfa_required = excluded.mfa_required, updated_at = now()
				WHERE tenant_security_policy.mfa_required <> excluded.mfa_required""")
			.params(tenant.value(), required)
			.update();
		if (changed > 0) {
			events.publishEvent(new MfaPolicyChanged(Events.metadata(tenant, null), tenant, required));
		}
	}

	@Transactional(readOnly = true)
	public boolean mfaRequired(TenantId tenant) {
		return jdbc.sql("SELECT mfa_required FROM tenant_security_policy WHERE tenant_id = ?")
			.param(tenant.value())
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	private Membership lockedMember(TenantId tenant, UserId user) {
		return memberships.lockTenant(tenant)
			.stream()
			.filter(membership -> membership.userId().equals(user))
			.findFirst()
			.orElseThrow(() -> memberNotFound(user));
	}

	/** Refuses a change that leaves the tenant without an active owner. */
	private void refuseLastOwner(TenantId tenant, UserId leaving) {
		Predicate<Membership> activeOwner = membership -> membership.role() == TenantRole.OWNER
				&& membership.status() == UserStatus.ACTIVE;
		List<Membership> all = memberships.allOfTenant(tenant);
		boolean leavingIsActiveOwner = all.stream().anyMatch(m -> m.userId().equals(leaving) && activeOwner.test(m));
		long others = all.stream().filter(activeOwner).filter(m -> !m.userId().equals(leaving)).count();
		if (leavingIsActiveOwner && others == 0) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "last_owner");
		}
	}

	/**
	 * Only an owner makes or unmakes owners (or acts on one): an admin could otherwise
	 * make themselves the only owner. Operators (no tenant user in scope, cross-tenant
	 * work) may.
	 */
	private void requireOwnerForOwnership(TenantId tenant, TenantRole from, TenantRole to) {
		if (from != TenantRole.OWNER && to != TenantRole.OWNER) {
			return;
		}
		TenantContext.Scope scope = TenantContext.current().orElse(null);
		if (scope != null && scope.crossTenant()) {
			return;
		}
		UserId actor = (scope != null) ? scope.userId() : null;
		boolean owner = actor != null && memberships.find(tenant, actor)
			.filter(membership -> membership.role() == TenantRole.OWNER && membership.status() == UserStatus.ACTIVE)
			.isPresent();
		if (!owner) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "owner_required");
		}
	}

	private Member member(Membership membership) {
		return member(membership.tenantId(), membership.userId());
	}

	private static DomainProblem memberNotFound(UserId user) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "member_not_found", user.toString());
	}

}
