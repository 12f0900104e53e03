package io.octavia.core.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;

import io.octavia.core.identity.TotpEnrolment;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.UserId;
import io.octavia.core.platform.crypto.EnvelopeEncryption;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps, one step of clock drift either way) and
 * recovery codes. Seeds are sealed with envelope encryption; a code is accepted only for
 * a step later than the last accepted one, so a code seen over a shoulder or in a log
 * cannot be used again.
 */
@Component
@Transactional
class SecondFactors {

	static final String SEED_PURPOSE = "totp-seed";

	static final int RECOVERY_CODES = 10;

	private static final int PERIOD_SECONDS = 30;

	private static final String ISSUER = "Octavia";

	// Crockford-like base32 without look-alikes; 16 characters carry 80 bits
	private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz023456789";

	private final SecureRandom random = new SecureRandom();

	private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

	private final JdbcClient jdbc;

	private final EnvelopeEncryption encryption;

	private final Clock clock;

	SecondFactors(JdbcClient jdbc, EnvelopeEncryption encryption, Clock identityClock) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.clock = identityClock;
	}

	@Transactional(readOnly = true)
	boolean enabled(UserId user) {
		return jdbc.sql("SELECT count(*) FROM totp_credential WHERE user_id = ? AND confirmed_at IS NOT NULL")
			.param(user.value())
			.query(Long.class)
			.single() > 0;
	}

	/** A new seed, replacing an unconfirmed one; refused while TOTP is on. */
	TotpEnrolment start(UserId user, String email) {
		if (enabled(user)) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "mfa_already_enabled");
		}
		String secret = new DefaultSecretGenerator().generate();
		jdbc.sql(
				"""
						INSERT INTO totp_credential (user_id, sealed_seed) VALUES (?, ?)
						ON CONFLICT (user_id) DO UPDATE SET sealed_seed = excluded.sealed_seed, created_at = now(), last_step = 0""")
			.params(user.value(), encryption.seal(secret, SEED_PURPOSE))
			.update();
		String uri = new QrData.Builder().label(email)
			.secret(secret)
			.issuer(ISSUER)
			.algorithm(HashingAlgorithm.SHA1)
			.digits(6)
			.period(PERIOD_SECONDS)
			.build()
			.getUri();
		return new TotpEnrolment(secret, uri);
	}

	/**
	 * Turns TOTP on once a code proves the authenticator works.
	 * @return new recovery codes, in plain text this once
	 */
	List<String> confirm(UserId user, String code) {
		String sealed = jdbc.sql("SELECT sealed_seed FROM totp_credential WHERE user_id = ? AND confirmed_at IS NULL")
			.param(user.value())
			.query(String.class)
			.optional()
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.CONFLICT, "mfa_enrolment_not_started"));
		if (!acceptTotp(user, sealed, code)) {
			throw invalid();
		}
		jdbc.sql("UPDATE totp_credential SET confirmed_at = now() WHERE user_id = ?").param(user.value()).update();
		jdbc.sql("DELETE FROM recovery_code WHERE user_id = ?").param(user.value()).update();
		List<String> recovery = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			String recoveryCode = newRecoveryCode();
			recovery.add(recoveryCode);
			jdbc.sql("INSERT INTO recovery_code (user_id, code_hash) VALUES (?, ?)")
				.params(user.value(), sha256(normalized(recoveryCode)))
				.update();
		}
		return List.copyOf(recovery);
	}

	/** Turns TOTP off; needs a current code (or a recovery code). */
	void disable(UserId user, String code) {
		if (!enabled(user)) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "mfa_not_enabled");
		}
		if (!verify(user, code)) {
			throw invalid();
		}
		jdbc.sql("DELETE FROM recovery_code WHERE user_id = ?").param(user.value()).update();
		jdbc.sql("DELETE FROM totp_credential WHERE user_id = ?").param(user.value()).update();
	}

	/** Whether the code is a current, unused TOTP code or an unused recovery code. */
	boolean verify(UserId user, String code) {
		Optional<String> sealed = jdbc
			.sql("SELECT sealed_seed FROM totp_credential WHERE user_id = ? AND confirmed_at IS NOT NULL")
			.param(user.value())
			.query(String.class)
			.optional();
		if (sealed.isEmpty()) {
			return false;
		}
		String candidate = code.strip();
		if (candidate.matches("\\d{6}")) {
			return acceptTotp(user, sealed.get(), candidate);
		}
		// single use: only one transaction can mark the code used
		return jdbc
			.sql("UPDATE recovery_code SET used_at = now() WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
			.params(user.value(), sha256(normalized(candidate)))
			.update() == 1;
	}

	private boolean acceptTotp(UserId user, String sealedSeed, String code) {
		String secret = encryption.openString(sealedSeed, SEED_PURPOSE);
		long current = clock.instant().getEpochSecond() / PERIOD_SECONDS;
		for (long step = current - 1; step <= current + 1; step++) {
			if (MessageDigest.isEqual(generate(secret, step).getBytes(StandardCharsets.US_ASCII),
					code.strip().getBytes(StandardCharsets.US_ASCII))) {
				// the row's last step only moves forward: a replayed code, even in a
				// racing
				// request, finds it already at (or past) its step
				return jdbc.sql("UPDATE totp_credential SET last_step = ? WHERE user_id = ? AND last_step < ?")
					.params(step, user.value(), step)
					.update() == 1;
			}
		}
		return false;
	}

	private String generate(String secret, long step) {
		try {
			return codes.generate(secret, step);
		}
		catch (CodeGenerationException ex) {
			throw new IllegalStateException("Could not compute a TOTP code", ex);
		}
	}

	private String newRecoveryCode() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			if (i > 0 && i % 4 == 0) {
				code.append('-');
			}
			code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
		}
		return code.toString();
	}

	private static String normalized(String recoveryCode) {
		return recoveryCode.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
	}

	private static byte[] sha256(String text) {
		return SecretTokens.hash(text);
	}

	private static DomainProblem invalid() {
		return new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "invalid_second_factor");
	}

}
