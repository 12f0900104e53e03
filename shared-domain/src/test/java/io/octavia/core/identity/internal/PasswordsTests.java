package io.octavia.core.identity.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The password rules and the bundled list of common passwords. */
class PasswordsTests {

	private final Passwords passwords = new Passwords();

	@Test
	void refusesCommonPasswordsWhateverTheirCase() {
		for (String common : new String[] { "password1234", "PASSWORD1234", "QwertyuiopAsdf", "iloveyou1234" }) {
			assertThat(problems(common)).as(common)
				.extracting(DomainProblem.FieldProblem::messageKey)
				.containsExactly("api.field.password_common");
		}
	}

	@Test
	void refusesPasswordsTooShortOrTooLongAndAcceptsOthers() {
		assertThat(problems("short")).extracting(DomainProblem.FieldProblem::messageKey)
			.containsExactly("api.field.password_length");
		assertThat(problems("x".repeat(257))).extracting(DomainProblem.FieldProblem::messageKey)
			.containsExactly("api.field.password_length");
		assertThat(problems("lantern quietly orbits 7 figs")).isEmpty();
	}

	@Test
	void aMissingHashNeverMatches() {
		String hash = passwords.encode("lantern quietly orbits 7 figs");
		assertThat(hash).startsWith("$argon2id$");
		assertThat(passwords.matches("lantern quietly orbits 7 figs", hash)).isTrue();
		assertThat(passwords.matches("lantern quietly orbits 7 fig", hash)).isFalse();
		assertThat(passwords.matches("decoy password that matches nothing", null)).isFalse();
	}

	private List<DomainProblem.FieldProblem> problems(String password) {
		FieldProblems problems = new FieldProblems();
		passwords.check(password, "password", problems);
		DomainProblem problem = catchThrowableOfType(DomainProblem.class, problems::throwIfAny);
		return (problem != null) ? problem.fields() : List.of();
	}

}
