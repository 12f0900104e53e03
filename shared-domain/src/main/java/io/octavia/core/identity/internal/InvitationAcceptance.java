package io.octavia.core.identity.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.Invitation;
import io.octavia.core.identity.InvitationAccepted;
import io.octavia.core.identity.InvitationPreview;
import io.octavia.core.identity.InvitationStatus;
import io.octavia.core.identity.Membership;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.platform.web.SupportedLocales;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepting an invitation from its link. The visitor has no tenant yet: the token names
 * it (through a function that answers only that), and the acceptance then runs inside
 * that tenant's scope like any other tenant work.
 */
@Component
public class InvitationAcceptance {

	private final Invitations invitations;

	private final Memberships memberships;

	private final UserAccounts accounts;

	private final Passwords passwords;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	InvitationAcceptance(Invitations invitations, Memberships memberships, UserAccounts accounts, Passwords passwords,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager) {
		this.transaction = new TransactionTemplate(transactionManager);
		this.invitations = invitations;
		this.memberships = memberships;
		this.accounts = accounts;
		this.passwords = passwords;
		this.events = events;
	}

	/** The invitation behind a token, whatever its state; empty for an unknown token. */
	@Transactional(propagation = Propagation.NEVER)
	public Optional<InvitationPreview> preview(String token) {
		return tenantOf(token).flatMap(tenant -> inTenant(tenant,
				() -> invitations.byToken(token)
					.map(stored -> new InvitationPreview(stored.invitation(),
							accounts.accountByEmail(stored.invitation().email()).isPresent()))));
	}

	/**
	 * Accepts a pending invitation: creates the account (display name and password
	 * needed) or, for an existing account, checks its password; then adds the membership.
	 * @throws DomainProblem {@code link_invalid} (410) for an unknown, used, revoked or
	 * expired invitation; {@code validation_failed}; {@code invalid_credentials};
	 * {@code account_locked}; {@code account_disabled}; {@code membership_exists}
	 */
	@Transactional(propagation = Propagation.NEVER)
	public Membership accept(String token, @Nullable String displayName, @Nullable String password,
			@Nullable String clientIp, Locale locale) {
		TenantId tenant = tenantOf(token).orElseThrow(InvitationAcceptance::linkInvalid);
		// the transaction begins inside the tenant's scope, so row-level security applies
		return inTenant(tenant, () -> transaction
			.execute(status -> acceptInScope(tenant, token, displayName, password, clientIp, locale)));
	}

	private Membership acceptInScope(TenantId tenant, String token, @Nullable String displayName,
			@Nullable String password, @Nullable String clientIp, Locale locale) {
		Invitation invitation = invitations.byToken(token)
			.map(Invitations.Stored::invitation)
			.filter(candidate -> candidate.status() == InvitationStatus.PENDING)
			.orElseThrow(InvitationAcceptance::linkInvalid);
		UserAccount existing = accounts.accountByEmail(invitation.email()).orElse(null);
		UserId user;
		if (existing != null) {
			accounts.checkPassword(existing, (password != null) ? password : "", clientIp);
			if (existing.status() != UserStatus.ACTIVE) {
				throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "account_disabled");
			}
			user = existing.id();
		}
		else {
			FieldProblems problems = new FieldProblems();
			if (displayName == null || displayName.isBlank() || displayName.strip().length() > 200) {
				problems.add("displayName", "api.field.name");
			}
			passwords.check(password, "password", problems);
			problems.throwIfAny();
			user = accounts
				.createVerified(new UserId(Ids.newId()), invitation.email(), displayName.strip(), password,
						SupportedLocales.supported(locale))
				.id();
		}
		if (!invitations.accept(invitation.id(), user)) {
			throw linkInvalid();
		}
		Membership membership = memberships.add(tenant, user, invitation.role());
		events.publishEvent(new InvitationAccepted(Events.metadata(tenant, user), invitation.id(), tenant, user,
				invitation.email(), invitation.role(), existing == null));
		return membership;
	}

	private Optional<TenantId> tenantOf(String token) {
		if (token == null || token.length() != 43) {
			return Optional.empty();
		}
		return invitations.tenantOf(token);
	}

	private static <T> T inTenant(TenantId tenant, Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "system:invitation"), work::get);
	}

	private static DomainProblem linkInvalid() {
		return new DomainProblem(DomainProblem.Kind.GONE, "link_invalid");
	}

}
