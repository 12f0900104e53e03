package io.octavia.core.identity;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.Ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Failed sign-ins lock the account and the client address, in Redis, for a while. */
class SignInLockoutIntegrationTests extends IdentityTestSupport {

	@Test
	void fiveFailuresLockTheAccountBeforeThePasswordIsCheckedUntilTheLockEnds() {
		String password = password();
		UserSummary user = user("locked", password);
		String ip = address();
		for (int i = 0; i < 5; i++) {
			assertThat(refusal(user.email(), "wrong password " + i, ip).code()).isEqualTo("invalid_credentials");
		}

		DomainProblem locked = refusal(user.email(), password, address());
		assertThat(locked.code()).isEqualTo("account_locked");
		assertThat(locked.kind()).isEqualTo(DomainProblem.Kind.TOO_MANY_REQUESTS);
		Instant retryAt = Instant.parse((String) locked.properties().get("retryAt"));
		assertThat(retryAt).isAfter(clock.instant().plus(Duration.ofMinutes(14)));

		clock.advance(Duration.ofMinutes(16));
		assertThat(identity.authenticate(user.email(), password, ip).user().id()).isEqualTo(user.id());
	}

	@Test
	void aSuccessForgivesTheAccountsFailures() {
		String password = password();
		UserSummary user = user("forgiven", password);
		String ip = address();
		for (int i = 0; i < 4; i++) {
			refusal(user.email(), "wrong", ip);
		}
		identity.authenticate(user.email(), password, ip);
		for (int i = 0; i < 4; i++) {
			refusal(user.email(), "wrong", ip);
		}
		assertThat(identity.authenticate(user.email(), password, ip).secondFactorRequired()).isFalse();
	}

	@Test
	void thirtyFailuresFromOneAddressLockThatAddressForEveryAccount() {
		String password = password();
		UserSummary user = user("victim", password);
		String ip = address();
		for (int i = 0; i < 30; i++) {
			// one password tried on many accounts, most of which do not exist
			refusal(email("sprayed"), "Winter2026!", ip);
		}
		assertThat(refusal(user.email(), password, ip).code()).isEqualTo("account_locked");
		assertThat(identity.authenticate(user.email(), password, address()).user().id())
			.as("another address still signs in")
			.isEqualTo(user.id());

		clock.advance(Duration.ofMinutes(16));
		assertThat(identity.authenticate(user.email(), password, ip).user().id()).isEqualTo(user.id());
	}

	@Test
	void aDisabledAccountCannotSignIn() {
		String password = password();
		UserSummary user = user("disabled", password);
		identity.changeAccountStatus(user.id(), UserStatus.DISABLED);
		assertThat(refusal(user.email(), password, address()).code()).isEqualTo("account_disabled");
		identity.changeAccountStatus(user.id(), UserStatus.ACTIVE);
		assertThat(identity.authenticate(user.email(), password, address()).user().id()).isEqualTo(user.id());
	}

	private DomainProblem refusal(String email, String password, String ip) {
		return catchThrowableOfType(DomainProblem.class, () -> identity.authenticate(email, password, ip));
	}

	/** An address of its own per test, so the tests' failures never add up. */
	private static String address() {
		long random = Ids.newId().getLeastSignificantBits();
		return "2001:db8::" + Long.toHexString(random & 0xffff) + ":" + Long.toHexString((random >>> 16) & 0xffff);
	}

}
