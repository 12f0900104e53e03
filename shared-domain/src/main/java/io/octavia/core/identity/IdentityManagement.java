package io.octavia.core.identity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.internal.Memberships;
import io.octavia.core.identity.internal.UserAccounts;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User accounts. Accounts are global (one person, one account, memberships in tenants),
 * so their table is not tenant-owned and not under row-level security.
 */
@Service
@Transactional
public class IdentityManagement {

	public static final int MIN_PASSWORD_LENGTH = 12;

	// Argon2 hashes any length, but a megabyte "password" is a denial of service
	public static final int MAX_PASSWORD_LENGTH = 256;

	// deliberately loose: the address is proven by a verification mail, not by a regex
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

	private final UserAccounts accounts;

	private final Memberships memberships;

	IdentityManagement(UserAccounts accounts, Memberships memberships) {
		this.accounts = accounts;
		this.memberships = memberships;
	}

	/**
	 * Checks an e-mail address and password, as the sign-in form does.
	 * @param clientIp the caller's address, for lockout per address
	 * @return the user, and whether a second factor must follow
	 * @throws DomainProblem {@code invalid_credentials} (401; the same for an unknown
	 * address and a wrong password), {@code account_locked} (429) or
	 * {@code account_disabled} (403)
	 */
	public SignIn authenticate(String email, String rawPassword, String clientIp) {
		String normalized = normalizedEmail(email);
		if (normalized == null || rawPassword == null || rawPassword.length() > MAX_PASSWORD_LENGTH) {
			throw new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "invalid_credentials");
		}
		return accounts.authenticate(normalized, rawPassword, clientIp);
	}

	/**
	 * Completes a sign-in that needs a second factor: a current TOTP code or an unused
	 * recovery code.
	 * @throws DomainProblem {@code invalid_second_factor}
	 */
	public UserSummary verifySecondFactor(UserId user, String code) {
		return accounts.verifySecondFactor(user, code);
	}

	/** The tenants a user belongs to, with their role in each (oldest first). */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.NEVER)
	public List<Membership> membershipsOf(UserId user) {
		return TenantContext.call(new TenantContext.Scope(null, null, user, "user:" + user, null),
				() -> memberships.ofUser(user));
	}

	/** The user's membership in the current tenant's scope. */
	@Transactional(readOnly = true)
	public Optional<Membership> membership(TenantId tenant, UserId user) {
		return memberships.find(tenant, user);
	}

	/**
	 * Makes a user a member of the current scope's tenant.
	 * @throws DomainProblem {@code membership_exists}
	 */
	public Membership addMember(TenantId tenant, UserId user, TenantRole role) {
		return memberships.add(tenant, user, role);
	}

	/**
	 * Creates a platform operator with the given roles; the password is stored as an
	 * Argon2id hash.
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed} or
	 * {@code user_email_taken}
	 */
	public UserSummary createOperator(String email, String displayName, String rawPassword, Set<PlatformRole> roles) {
		FieldProblems problems = accountProblems(email, displayName, rawPassword);
		if (roles == null || roles.isEmpty()) {
			problems.add("platformRoles", "api.field.required");
		}
		problems.throwIfAny();
		return accounts.create(new UserId(Ids.newId()), normalizedEmail(email), displayName.strip(), rawPassword, roles,
				Locale.ENGLISH);
	}

	/**
	 * Creates a user without platform roles, who acts through memberships in tenants.
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed} or
	 * {@code user_email_taken}
	 */
	public UserSummary createUser(String email, String displayName, String rawPassword) {
		accountProblems(email, displayName, rawPassword).throwIfAny();
		return accounts.create(new UserId(Ids.newId()), normalizedEmail(email), displayName.strip(), rawPassword,
				Set.of(), Locale.ENGLISH);
	}

	private static FieldProblems accountProblems(String email, String displayName, String rawPassword) {
		String normalizedEmail = normalizedEmail(email);
		FieldProblems problems = new FieldProblems();
		if (normalizedEmail == null || normalizedEmail.length() > 254 || !EMAIL.matcher(normalizedEmail).matches()) {
			problems.add("email", "api.field.email");
		}
		if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
			problems.add("displayName", "api.field.name");
		}
		if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH
				|| rawPassword.length() > MAX_PASSWORD_LENGTH) {
			problems.add("password", "api.field.password_length", MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
		}
		return problems;
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

	/** E-mail addresses compare case-insensitively; they are stored in lower case. */
	private static @Nullable String normalizedEmail(@Nullable String email) {
		return (email != null) ? email.strip().toLowerCase(Locale.ROOT) : null;
	}

}
