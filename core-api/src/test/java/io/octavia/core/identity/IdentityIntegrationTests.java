package io.octavia.core.identity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.Ids;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Operator accounts: stored once per address, with an Argon2id hash only. */
class IdentityIntegrationTests extends IdentityTestSupport {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void createsAnOperatorWithAnArgon2idHashAndALowerCaseAddress() {
		String email = "Ops-" + Ids.newId() + "@Example.COM";
		UserSummary operator = identity.createOperator(email, "Olga Operator", "correct horse battery",
				EnumSet.of(PlatformRole.PLATFORM_ADMIN, PlatformRole.FINANCE));

		assertThat(operator.email()).isEqualTo(email.toLowerCase(Locale.ROOT));
		assertThat(operator.platformRoles()).containsExactlyInAnyOrder(PlatformRole.PLATFORM_ADMIN,
				PlatformRole.FINANCE);
		assertThat(operator.status()).isEqualTo(UserStatus.ACTIVE);
		assertThat(identity.findByEmail(email.toUpperCase(Locale.ROOT))).contains(operator);
		assertThat(identity.find(operator.id())).contains(operator);

		String hash = jdbc.queryForObject("SELECT password_hash FROM user_account WHERE user_id = ?", String.class,
				operator.id().value());
		assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse battery");
		assertThat(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().matches("correct horse battery", hash))
			.isTrue();
		assertThat(jdbc.queryForObject("SELECT platform_roles::text FROM user_account WHERE user_id = ?", String.class,
				operator.id().value()))
			.isEqualTo("{finance,platform_admin}");
	}

	@Test
	void anAddressIsRegisteredOnceWhateverItsCase() {
		String email = "twice-" + Ids.newId() + "@example.com";
		identity.createOperator(email, "First", "a long enough password", Set.of(PlatformRole.SUPPORT));
		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> identity.createOperator(email.toUpperCase(Locale.ROOT), "Second", "another long password",
						Set.of(PlatformRole.SUPPORT)));
		assertThat(problem.code()).isEqualTo("user_email_taken");
		assertThat(problem.kind()).isEqualTo(DomainProblem.Kind.CONFLICT);
	}

	@Test
	void refusesBadAddressesShortPasswordsAndNoRoles() {
		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> identity.createOperator("not-an-address", " ", "short", Set.of()));
		assertThat(problem.code()).isEqualTo("validation_failed");
		assertThat(problem.fields()).extracting(DomainProblem.FieldProblem::field)
			.containsExactly("email", "displayName", "password", "platformRoles");
		assertThat(problem.fields().get(2).arguments()).containsExactly(IdentityManagement.MIN_PASSWORD_LENGTH,
				IdentityManagement.MAX_PASSWORD_LENGTH);
	}

}
