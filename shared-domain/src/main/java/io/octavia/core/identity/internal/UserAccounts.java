package io.octavia.core.identity.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.octavia.core.identity.PlatformRole;
import io.octavia.core.identity.SignIn;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.DataConstraints;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.UserId;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identity module's access to its accounts, for the public
 * {@link io.octavia.core.identity.IdentityManagement}.
 */
@Component
@Transactional
public class UserAccounts {

	// Argon2id with Spring Security's current parameters (16 MiB, 2 iterations); the
	// parameters are stored in each hash, so raising them later keeps old hashes valid
	private final PasswordEncoder passwords = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

	private final UserAccountRepository repository;

	UserAccounts(UserAccountRepository repository) {
		this.repository = repository;
	}

	public UserSummary create(UserId id, String email, String displayName, String rawPassword, Set<PlatformRole> roles,
			Locale locale) {
		UserAccount account = new UserAccount(id, email, displayName, passwords.encode(rawPassword), roles, locale);
		try {
			return summary(repository.saveAndFlush(account));
		}
		catch (DataIntegrityViolationException ex) {
			if (DataConstraints.violated(ex, "user_account_email_key")) {
				throw new DomainProblem(DomainProblem.Kind.CONFLICT, "user_email_taken", email);
			}
			throw ex;
		}
	}

	// compared against when the address is unknown, so both paths cost one Argon2 hash
	private final String decoyHash = passwords.encode("decoy password that matches nothing");

	@Transactional(readOnly = true)
	public SignIn authenticate(String email, String rawPassword, String clientIp) {
		UserAccount account = repository.findByEmail(email).orElse(null);
		String hash = (account != null && account.passwordHash() != null) ? account.passwordHash() : decoyHash;
		boolean matches = passwords.matches(rawPassword, hash);
		if (account == null || account.passwordHash() == null || !matches) {
			throw new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "invalid_credentials");
		}
		if (account.status() != UserStatus.ACTIVE) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "account_disabled");
		}
		return new SignIn(summary(account), false);
	}

	@Transactional(readOnly = true)
	public UserSummary verifySecondFactor(UserId user, String code) {
		throw new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "invalid_second_factor");
	}

	@Transactional(readOnly = true)
	public Optional<UserSummary> findByEmail(String email) {
		return repository.findByEmail(email).map(UserAccounts::summary);
	}

	@Transactional(readOnly = true)
	public Optional<UserSummary> find(UserId id) {
		return repository.findById(id.value()).map(UserAccounts::summary);
	}

	private static UserSummary summary(UserAccount account) {
		return new UserSummary(account.id(), account.email(), account.displayName(), account.platformRoles(),
				account.status(), account.locale(), account.createdAt());
	}

}
