package io.octavia.core.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.internal.UserAccounts;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.Ids;
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

	IdentityManagement(UserAccounts accounts) {
		this.accounts = accounts;
	}

	/**
	 * Creates a platform operator with the given roles; the password is stored as an
	 * Argon2id hash.
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed} or
	 * {@code user_email_taken}
	 */
	public UserSummary createOperator(String email, String displayName, String rawPassword, Set<PlatformRole> roles) {
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
		if (roles == null || roles.isEmpty()) {
			problems.add("platformRoles", "api.field.required");
		}
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

	/** E-mail addresses compare case-insensitively; they are stored in lower case. */
	private static @Nullable String normalizedEmail(@Nullable String email) {
		return (email != null) ? email.strip().toLowerCase(Locale.ROOT) : null;
	}

}
