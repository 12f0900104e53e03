package io.octavia.core.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.octavia.core.platform.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Single-use tokens of an account: password reset and e-mail verification links. */
@Component
@Transactional
class AccountTokens {

	enum Purpose {

		PASSWORD_RESET, EMAIL_VERIFICATION;

		String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** A token just issued; the plain token goes into a link and nowhere else. */
	record Issued(String token, Instant expiresAt) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	AccountTokens(JdbcClient jdbc, Clock identityClock) {
		this.jdbc = jdbc;
		this.clock = identityClock;
	}

	/** A new token; earlier unused tokens of the same purpose stop working. */
	Issued issue(UserId user, Purpose purpose, Duration ttl) {
		Instant now = clock.instant();
		jdbc.sql("UPDATE account_token SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL")
			.params(Timestamp.from(now), user.value(), purpose.value())
			.update();
		String token = SecretTokens.newToken();
		Instant expiresAt = now.plus(ttl);
		jdbc.sql(
				"INSERT INTO account_token (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
			.params(SecretTokens.hash(token), user.value(), purpose.value(), Timestamp.from(now),
					Timestamp.from(expiresAt))
			.update();
		return new Issued(token, expiresAt);
	}

	/**
	 * Uses up a token: only one transaction can, and only before it expires.
	 * @return whose token it was, or empty for an unknown, used or expired token
	 */
	Optional<UserId> redeem(String token, Purpose purpose) {
		Instant now = clock.instant();
		return jdbc.sql("""
				UPDATE account_token SET used_at = ?
				WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
				RETURNING user_id""")
			.params(Timestamp.from(now), SecretTokens.hash(token), purpose.value(), Timestamp.from(now))
			.query(UUID.class)
			.optional()
			.map(UserId::new);
	}

	/** Whether a token would still redeem, without using it (for showing a form). */
	@Transactional(readOnly = true)
	boolean valid(String token, Purpose purpose) {
		return jdbc.sql("""
				SELECT count(*) FROM account_token
				WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?""")
			.params(SecretTokens.hash(token), purpose.value(), Timestamp.from(clock.instant()))
			.query(Long.class)
			.single() > 0;
	}

}
