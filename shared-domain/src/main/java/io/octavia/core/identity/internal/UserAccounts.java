package io.octavia.core.identity.internal;

import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import io.octavia.core.identity.AccountStatusChanged;
import io.octavia.core.identity.EmailVerificationRequested;
import io.octavia.core.identity.EmailVerified;
import io.octavia.core.identity.PasswordChanged;
import io.octavia.core.identity.PasswordResetRequested;
import io.octavia.core.identity.PlatformRole;
import io.octavia.core.identity.ProfileChange;
import io.octavia.core.identity.SecondFactorChanged;
import io.octavia.core.identity.SignIn;
import io.octavia.core.identity.TotpEnrolment;
import io.octavia.core.identity.UserProfile;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.DataConstraints;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.UserId;
import io.octavia.core.platform.web.SupportedLocales;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identity module's access to its accounts, for the public
 * {@link io.octavia.core.identity.IdentityManagement}: sign-in with lockout and second
 * factor, passwords, e-mail verification and profiles.
 */
@Component
@Transactional
public class UserAccounts {

	private final UserAccountRepository repository;

	private final Passwords passwords;

	private final SignInLockout lockout;

	private final SecondFactors secondFactors;

	private final AccountTokens tokens;

	private final MailLinks links;

	private final IdentityProperties properties;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	UserAccounts(UserAccountRepository repository, Passwords passwords, SignInLockout lockout,
			SecondFactors secondFactors, AccountTokens tokens, MailLinks links, IdentityProperties properties,
			ApplicationEventPublisher events, JdbcClient jdbc) {
		this.repository = repository;
		this.passwords = passwords;
		this.lockout = lockout;
		this.secondFactors = secondFactors;
		this.tokens = tokens;
		this.links = links;
		this.properties = properties;
		this.events = events;
		this.jdbc = jdbc;
	}

	public UserSummary create(UserId id, String email, String displayName, String rawPassword, Set<PlatformRole> roles,
			Locale locale) {
		return summary(save(new UserAccount(id, email, displayName, passwords.encode(rawPassword), roles, locale)));
	}

	/** An account whose address is proven already (it came through a mailed link). */
	UserAccount createVerified(UserId id, String email, String displayName, String rawPassword, Locale locale) {
		UserAccount account = new UserAccount(id, email, displayName, passwords.encode(rawPassword), Set.of(), locale);
		account.verifyEmail();
		return save(account);
	}

	private UserAccount save(UserAccount account) {
		try {
			return repository.saveAndFlush(account);
		}
		catch (DataIntegrityViolationException ex) {
			if (DataConstraints.violated(ex, "user_account_email_key")) {
				throw new DomainProblem(DomainProblem.Kind.CONFLICT, "user_email_taken", account.email());
			}
			throw ex;
		}
	}

	public SignIn authenticate(String email, String rawPassword, @Nullable String clientIp) {
		lockout.refuseIfLocked(email, clientIp);
		UserAccount account = repository.findByEmail(email).orElse(null);
		if (!passwords.matches(rawPassword, (account != null) ? account.passwordHash() : null)) {
			lockout.failed(email, clientIp);
			throw new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "invalid_credentials");
		}
		if (account.status() != UserStatus.ACTIVE) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "account_disabled");
		}
		if (secondFactors.enabled(account.id())) {
			// the account's failures are forgiven only once the second factor is right
			// too,
			// so a known password does not buy fresh guesses at the code
			return new SignIn(summary(account), true, false);
		}
		lockout.succeeded(email);
		return new SignIn(summary(account), false, mfaRequiredFor(account.id()));
	}

	/** Checks a password of an existing account (as sign-in does, with lockout). */
	UserAccount checkPassword(UserAccount account, String rawPassword, @Nullable String clientIp) {
		lockout.refuseIfLocked(account.email(), clientIp);
		if (!passwords.matches(rawPassword, account.passwordHash())) {
			lockout.failed(account.email(), clientIp);
			throw new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "invalid_credentials");
		}
		return account;
	}

	public UserSummary verifySecondFactor(UserId user, String code) {
		UserAccount account = repository.findById(user.value())
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "invalid_second_factor"));
		String clientIp = MDC.get("clientIp");
		lockout.refuseIfLocked(account.email(), clientIp);
		if (code == null || code.length() > 64 || !secondFactors.verify(user, code)) {
			lockout.failed(account.email(), clientIp);
			throw new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "invalid_second_factor");
		}
		if (account.status() != UserStatus.ACTIVE) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "account_disabled");
		}
		lockout.succeeded(account.email());
		return summary(account);
	}

	boolean mfaRequiredFor(UserId user) {
		return Boolean.TRUE
			.equals(jdbc.sql("SELECT octavia_mfa_required_for(?)").param(user.value()).query(Boolean.class).single());
	}

	public TotpEnrolment startTotpEnrolment(UserId user) {
		return secondFactors.start(user, account(user).email());
	}

	public List<String> confirmTotpEnrolment(UserId user, String code) {
		List<String> recoveryCodes = secondFactors.confirm(user, code);
		events.publishEvent(new SecondFactorChanged(Events.metadata(user), user, true));
		return recoveryCodes;
	}

	public void disableTotp(UserId user, String code) {
		UserAccount account = account(user);
		String clientIp = MDC.get("clientIp");
		lockout.refuseIfLocked(account.email(), clientIp);
		try {
			secondFactors.disable(user, code);
		}
		catch (DomainProblem problem) {
			if (problem.code().equals("invalid_second_factor")) {
				lockout.failed(account.email(), clientIp);
			}
			throw problem;
		}
		events.publishEvent(new SecondFactorChanged(Events.metadata(user), user, false));
	}

	public void changePassword(UserId user, String currentPassword, String newPassword) {
		UserAccount account = account(user);
		FieldProblems problems = new FieldProblems();
		passwords.check(newPassword, "newPassword", problems);
		problems.throwIfAny();
		String clientIp = MDC.get("clientIp");
		lockout.refuseIfLocked(account.email(), clientIp);
		if (!passwords.matches(currentPassword, account.passwordHash())) {
			lockout.failed(account.email(), clientIp);
			new FieldProblems().add("currentPassword", "api.field.current_password").throwIfAny();
		}
		account.changePassword(passwords.encode(newPassword));
		events.publishEvent(new PasswordChanged(Events.metadata(user), user, false));
	}

	/** Mails a reset link to an active account; nothing happens for any other address. */
	public void requestPasswordReset(String email) {
		repository.findByEmail(email).filter(account -> account.status() == UserStatus.ACTIVE).ifPresent(account -> {
			AccountTokens.Issued issued = tokens.issue(account.id(), AccountTokens.Purpose.PASSWORD_RESET,
					properties.passwordResetTtl());
			events.publishEvent(new PasswordResetRequested(Events.metadata(account.id()), account.id(), account.email(),
					account.locale(), issued.expiresAt(), links.sealed(MailLinks.PASSWORD_RESET, issued.token())));
		});
	}

	public boolean passwordResetValid(String token) {
		return tokens.valid(token, AccountTokens.Purpose.PASSWORD_RESET);
	}

	public void resetPassword(String token, String newPassword) {
		FieldProblems problems = new FieldProblems();
		passwords.check(newPassword, "newPassword", problems);
		problems.throwIfAny();
		UserId user = tokens.redeem(token, AccountTokens.Purpose.PASSWORD_RESET).orElseThrow(UserAccounts::linkInvalid);
		UserAccount account = account(user);
		account.changePassword(passwords.encode(newPassword));
		// the mail arrived, so the address is the user's
		account.verifyEmail();
		lockout.succeeded(account.email());
		events.publishEvent(new PasswordChanged(Events.metadata(user), user, true));
	}

	public void requestEmailVerification(UserId user) {
		UserAccount account = account(user);
		if (account.emailVerified()) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "email_already_verified");
		}
		AccountTokens.Issued issued = tokens.issue(user, AccountTokens.Purpose.EMAIL_VERIFICATION,
				properties.emailVerificationTtl());
		events.publishEvent(new EmailVerificationRequested(Events.metadata(user), user, account.email(),
				account.locale(), issued.expiresAt(), links.sealed(MailLinks.EMAIL_VERIFICATION, issued.token())));
	}

	public UserSummary verifyEmail(String token) {
		UserId user = tokens.redeem(token, AccountTokens.Purpose.EMAIL_VERIFICATION)
			.orElseThrow(UserAccounts::linkInvalid);
		UserAccount account = account(user);
		account.verifyEmail();
		events.publishEvent(new EmailVerified(Events.metadata(user), user, account.email()));
		return summary(account);
	}

	@Transactional(readOnly = true)
	public UserProfile profile(UserId user) {
		UserAccount account = account(user);
		return new UserProfile(account.id(), account.email(), account.displayName(), account.locale(),
				account.timeZone(), account.emailVerified(), secondFactors.enabled(user), account.status());
	}

	public UserProfile updateProfile(UserId user, ProfileChange change) {
		UserAccount account = account(user);
		FieldProblems problems = new FieldProblems();
		String displayName = (change.displayName() != null) ? change.displayName().strip() : account.displayName();
		if (displayName.isEmpty() || displayName.length() > 200) {
			problems.add("displayName", "api.field.name");
		}
		Locale locale = (change.locale() != null) ? supportedLocale(change.locale(), problems) : account.locale();
		ZoneId timeZone = account.timeZone();
		if (change.timeZone() != null) {
			if (ZoneId.getAvailableZoneIds().contains(change.timeZone())) {
				timeZone = ZoneId.of(change.timeZone());
			}
			else {
				problems.add("timeZone", "api.field.tenant.time_zone");
			}
		}
		problems.throwIfAny();
		account.changeProfile(displayName, locale, timeZone);
		return profile(user);
	}

	public UserSummary changeStatus(UserId user, UserStatus status) {
		UserAccount account = account(user);
		if (account.status() != status) {
			account.changeStatus(status);
			events.publishEvent(new AccountStatusChanged(Events.metadata(null), user, status));
		}
		return summary(account);
	}

	@Transactional(readOnly = true)
	public List<UserSummary> search(String emailPrefix, int limit) {
		return repository.findByEmailStartingWithOrderByEmail(emailPrefix, Limit.of(limit))
			.stream()
			.map(UserAccounts::summary)
			.toList();
	}

	@Transactional(readOnly = true)
	public Optional<UserSummary> findByEmail(String email) {
		return repository.findByEmail(email).map(UserAccounts::summary);
	}

	@Transactional(readOnly = true)
	Optional<UserAccount> accountByEmail(String email) {
		return repository.findByEmail(email);
	}

	@Transactional(readOnly = true)
	public Optional<UserSummary> find(UserId id) {
		return repository.findById(id.value()).map(UserAccounts::summary);
	}

	private UserAccount account(UserId user) {
		return repository.findById(user.value())
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "user_not_found", user.toString()));
	}

	private static @Nullable Locale supportedLocale(String tag, FieldProblems problems) {
		try {
			Locale locale = new Locale.Builder().setLanguageTag(tag).build();
			if (SupportedLocales.ALL.stream()
				.anyMatch(supported -> supported.getLanguage().equals(locale.getLanguage()))
					&& locale.getScript().isEmpty() && locale.getVariant().isEmpty()) {
				return locale;
			}
		}
		catch (IllformedLocaleException ex) {
			// reported below
		}
		problems.add("locale", "api.field.tenant.locale");
		return null;
	}

	private static DomainProblem linkInvalid() {
		return new DomainProblem(DomainProblem.Kind.GONE, "link_invalid");
	}

	static UserSummary summary(UserAccount account) {
		return new UserSummary(account.id(), account.email(), account.displayName(), account.platformRoles(),
				account.status(), account.locale(), account.createdAt());
	}

}
