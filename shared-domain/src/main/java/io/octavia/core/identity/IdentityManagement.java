package io.octavia.core.identity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.internal.InvitationAcceptance;
import io.octavia.core.identity.internal.Memberships;
import io.octavia.core.identity.internal.Passwords;
import io.octavia.core.identity.internal.TenantMembers;
import io.octavia.core.identity.internal.UserAccounts;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * User accounts, their memberships in tenants, invitations, passwords and second factors.
 * Accounts are global (one person, one account, memberships in tenants), so their table
 * is not tenant-owned and not under row-level security; memberships and invitations are.
 */
@Service
@Transactional
public class IdentityManagement {

	public static final int MIN_PASSWORD_LENGTH = 12;

	// Argon2 hashes any length, but a megabyte "password" is a denial of service
	public static final int MAX_PASSWORD_LENGTH = 256;

	/** The envelope-encryption purpose of the links in mail-requesting events. */
	public static final String MAIL_LINK_PURPOSE = "mail-link";

	// deliberately loose: the address is proven by a verification mail, not by a regex
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

	private final UserAccounts accounts;

	private final Memberships memberships;

	private final TenantMembers members;

	private final InvitationAcceptance acceptance;

	private final Passwords passwords;

	IdentityManagement(UserAccounts accounts, Memberships memberships, TenantMembers members,
			InvitationAcceptance acceptance, Passwords passwords) {
		this.accounts = accounts;
		this.memberships = memberships;
		this.members = members;
		this.acceptance = acceptance;
		this.passwords = passwords;
	}

	// ---- sign-in

	/**
	 * Checks an e-mail address and password, as the sign-in form does. Failures count
	 * towards a lock of the account and of the client address; while locked, sign-in is
	 * refused before the password is checked.
	 * @param clientIp the caller's address, for lockout per address
	 * @return the user, whether a second factor must follow, and whether the user must
	 * enrol one first
	 * @throws DomainProblem {@code invalid_credentials} (401; the same for an unknown
	 * address and a wrong password), {@code account_locked} (429, with {@code retryAt})
	 * or {@code account_disabled} (403)
	 */
	public SignIn authenticate(String email, String rawPassword, String clientIp) {
		String normalized = normalizedEmail(email);
		if (normalized == null || rawPassword == null || rawPassword.length() > MAX_PASSWORD_LENGTH) {
			throw new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "invalid_credentials");
		}
		return accounts.authenticate(normalized, rawPassword, clientIp);
	}

	/**
	 * Completes a sign-in that needs a second factor: a current TOTP code (each accepted
	 * once) or an unused recovery code. Failures count towards the same lock as
	 * passwords.
	 * @throws DomainProblem {@code invalid_second_factor} or {@code account_locked}
	 */
	public UserSummary verifySecondFactor(UserId user, String code) {
		return accounts.verifySecondFactor(user, code);
	}

	// ---- memberships

	/**
	 * The tenants a user belongs to (active memberships), with their role in each (oldest
	 * first).
	 */
	@Transactional(propagation = Propagation.NEVER)
	public List<Membership> membershipsOf(UserId user) {
		return TenantContext.call(new TenantContext.Scope(null, null, user, "user:" + user, null),
				() -> memberships.ofUser(user));
	}

	/**
	 * The user's active membership in the current scope's tenant; empty when there is
	 * none or it is disabled, so it can decide access as it is.
	 */
	@Transactional(readOnly = true)
	public Optional<Membership> membership(TenantId tenant, UserId user) {
		return memberships.find(tenant, user).filter(membership -> membership.status() == UserStatus.ACTIVE);
	}

	/**
	 * Makes a user a member of the current scope's tenant.
	 * @throws DomainProblem {@code membership_exists}
	 */
	public Membership addMember(TenantId tenant, UserId user, TenantRole role) {
		return memberships.add(tenant, user, role);
	}

	/** The members of the current scope's tenant, oldest first, a page at a time. */
	@Transactional(readOnly = true)
	public MemberPage members(TenantId tenant, MemberQuery query) {
		return members.list(tenant, query);
	}

	/**
	 * @throws DomainProblem {@code member_not_found} (also for another tenant's user)
	 */
	@Transactional(readOnly = true)
	public Member member(TenantId tenant, UserId user) {
		return members.member(tenant, user);
	}

	/**
	 * @throws DomainProblem {@code member_not_found}, {@code last_owner} (409: the tenant
	 * would have no active owner left), {@code owner_required} (403: only an owner makes
	 * or unmakes owners)
	 */
	public Member changeRole(TenantId tenant, UserId user, TenantRole role) {
		return members.changeRole(tenant, user, role);
	}

	/**
	 * @throws DomainProblem as {@link #changeRole}
	 */
	public void removeMember(TenantId tenant, UserId user) {
		members.remove(tenant, user);
	}

	/**
	 * Disables or enables a membership in its tenant (the account and its other
	 * memberships stay as they are).
	 * @throws DomainProblem as {@link #changeRole}
	 */
	public Member changeMemberStatus(TenantId tenant, UserId user, UserStatus status) {
		return members.changeStatus(tenant, user, status);
	}

	// ---- invitations

	/**
	 * Invites an address into the current scope's tenant; the invitee gets a mail with a
	 * single-use link that works for {@code octavia.identity.invitation-ttl}.
	 * @throws DomainProblem {@code validation_failed}, {@code membership_exists},
	 * {@code owner_required}
	 */
	public Invitation invite(TenantId tenant, String email, TenantRole role) {
		String normalized = normalizedEmail(email);
		if (!validEmail(normalized)) {
			new FieldProblems().add("email", "api.field.email").throwIfAny();
		}
		return members.invite(tenant, normalized, role);
	}

	@Transactional(readOnly = true)
	public InvitationPage invitations(TenantId tenant, @Nullable String cursor, int limit) {
		return members.invitations(tenant, cursor, limit);
	}

	/**
	 * @throws DomainProblem {@code invitation_not_found}, {@code invitation_not_pending}
	 */
	public void revokeInvitation(TenantId tenant, UUID invitationId) {
		members.revoke(tenant, invitationId);
	}

	/**
	 * What an invitation link leads to, in whatever state; empty for an unknown token.
	 */
	@Transactional(propagation = Propagation.NEVER)
	public Optional<InvitationPreview> invitation(String token) {
		return acceptance.preview(token);
	}

	/**
	 * Accepts an invitation from its link: creates the account ({@code displayName} and
	 * {@code password}) or checks the existing account's password, then adds the
	 * membership.
	 * @throws DomainProblem {@code link_invalid} (410: unknown, used, revoked or
	 * expired), {@code validation_failed}, {@code invalid_credentials},
	 * {@code account_locked}, {@code membership_exists}
	 */
	@Transactional(propagation = Propagation.NEVER)
	public Membership acceptInvitation(String token, @Nullable String displayName, @Nullable String password,
			@Nullable String clientIp, Locale locale) {
		return acceptance.accept(token, displayName, password, clientIp, locale);
	}

	// ---- tenant security policy

	/** Whether the tenant requires its users to sign in with a second factor. */
	@Transactional(readOnly = true)
	public boolean mfaRequired(TenantId tenant) {
		return members.mfaRequired(tenant);
	}

	public void requireMfa(TenantId tenant, boolean required) {
		members.requireMfa(tenant, required);
	}

	// ---- passwords and e-mail

	/**
	 * @throws DomainProblem {@code validation_failed} (field {@code currentPassword} or
	 * {@code newPassword})
	 */
	public void changePassword(UserId user, String currentPassword, String newPassword) {
		accounts.changePassword(user, (currentPassword != null) ? currentPassword : "", newPassword);
	}

	/**
	 * Mails a reset link (valid {@code octavia.identity.password-reset-ttl}) if the
	 * address belongs to an active account; answers the same either way.
	 */
	public void requestPasswordReset(String email) {
		String normalized = normalizedEmail(email);
		if (validEmail(normalized)) {
			accounts.requestPasswordReset(normalized);
		}
	}

	/** Whether a reset link still works, for showing its form. */
	@Transactional(readOnly = true)
	public boolean passwordResetValid(String token) {
		return token != null && accounts.passwordResetValid(token);
	}

	/**
	 * @throws DomainProblem {@code validation_failed}, {@code link_invalid} (410)
	 */
	public void resetPassword(String token, String newPassword) {
		accounts.resetPassword((token != null) ? token : "", newPassword);
	}

	/**
	 * @throws DomainProblem {@code email_already_verified}
	 */
	public void requestEmailVerification(UserId user) {
		accounts.requestEmailVerification(user);
	}

	/**
	 * @throws DomainProblem {@code link_invalid} (410)
	 */
	public UserSummary verifyEmail(String token) {
		return accounts.verifyEmail((token != null) ? token : "");
	}

	// ---- two-factor sign-in

	/**
	 * Starts (or restarts) TOTP enrolment; it takes effect once a code confirms it.
	 * @throws DomainProblem {@code mfa_already_enabled}
	 */
	public TotpEnrolment startTotpEnrolment(UserId user) {
		return accounts.startTotpEnrolment(user);
	}

	/**
	 * Turns TOTP on with a first code.
	 * @return ten single-use recovery codes, shown to the user this once
	 * @throws DomainProblem {@code invalid_second_factor},
	 * {@code mfa_enrolment_not_started}
	 */
	public List<String> confirmTotpEnrolment(UserId user, String code) {
		return accounts.confirmTotpEnrolment(user, (code != null) ? code : "");
	}

	/**
	 * @throws DomainProblem {@code invalid_second_factor}, {@code mfa_not_enabled}
	 */
	public void disableTotp(UserId user, String code) {
		accounts.disableTotp(user, (code != null) ? code : "");
	}

	// ---- profiles and accounts

	@Transactional(readOnly = true)
	public UserProfile profile(UserId user) {
		return accounts.profile(user);
	}

	/**
	 * @throws DomainProblem {@code validation_failed}
	 */
	public UserProfile updateProfile(UserId user, ProfileChange change) {
		return accounts.updateProfile(user, change);
	}

	/** Disables an account everywhere (it cannot sign in) or enables it again. */
	public UserSummary changeAccountStatus(UserId user, UserStatus status) {
		return accounts.changeStatus(user, status);
	}

	/** Accounts whose address starts with the given text (ignoring case), by address. */
	@Transactional(readOnly = true)
	public List<UserSummary> searchByEmail(String emailStart, int limit) {
		return accounts.search(emailStart.strip().toLowerCase(Locale.ROOT), limit);
	}

	/**
	 * Every membership of a user the current scope shows (all of them in audited
	 * cross-tenant work), active or not.
	 */
	@Transactional(readOnly = true)
	public List<Membership> allMembershipsOf(UserId user) {
		return memberships.allOfUser(user);
	}

	/**
	 * Creates a platform operator with the given roles; the password is stored as an
	 * Argon2id hash.
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed} or
	 * {@code user_email_taken}
	 */
	public UserSummary createOperator(String email, String displayName, String rawPassword, Set<PlatformRole> roles) {
		FieldProblems problems = new FieldProblems();
		return createAccount(email, displayName, rawPassword, (roles != null) ? roles : Set.of(), problems, () -> {
			if (roles == null || roles.isEmpty()) {
				problems.add("platformRoles", "api.field.required");
			}
		});
	}

	/**
	 * Creates a user without platform roles, who acts through memberships in tenants.
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed} or
	 * {@code user_email_taken}
	 */
	public UserSummary createUser(String email, String displayName, String rawPassword) {
		return createAccount(email, displayName, rawPassword, Set.of(), new FieldProblems(), () -> {
		});
	}

	/**
	 * @param moreChecks adds the problems of the caller's own fields, after the common
	 * ones
	 */
	private UserSummary createAccount(String email, String displayName, String rawPassword, Set<PlatformRole> roles,
			FieldProblems problems, Runnable moreChecks) {
		String normalizedEmail = normalizedEmail(email);
		if (!validEmail(normalizedEmail)) {
			problems.add("email", "api.field.email");
		}
		if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
			problems.add("displayName", "api.field.name");
		}
		passwords.check(rawPassword, "password", problems);
		moreChecks.run();
		problems.throwIfAny();
		return accounts.create(new UserId(Ids.newId()), normalizedEmail, displayName.strip(), rawPassword, roles,
				Locale.ENGLISH);
	}

	@Transactional(readOnly = true)
	public Optional<UserSummary> findByEmail(String email) {
		String normalized = normalizedEmail(email);
		return (normalized != null) ? accounts.findByEmail(normalized) : Optional.empty();
	}

	@Transactional(readOnly = true)
	public Optional<UserSummary> find(UserId id) {
		return accounts.find(id);
	}

	private static boolean validEmail(@Nullable String normalized) {
		return normalized != null && normalized.length() <= 254 && EMAIL.matcher(normalized).matches();
	}

	/** E-mail addresses compare case-insensitively; they are stored in lower case. */
	private static @Nullable String normalizedEmail(@Nullable String email) {
		return (email != null) ? email.strip().toLowerCase(Locale.ROOT) : null;
	}

}
