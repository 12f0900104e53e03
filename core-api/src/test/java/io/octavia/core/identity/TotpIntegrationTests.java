package io.octavia.core.identity;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.TestHttp;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.octavia.core.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * TOTP two-factor sign-in: enrolment over the API, codes computed here as an app would.
 */
class TotpIntegrationTests extends IdentityTestSupport {

	@Autowired
	JdbcTemplate jdbc;

	TenantId tenant;

	String password;

	UserSummary user;

	String credential;

	@BeforeEach
	void signedInUser() {
		tenant = api().activeTenant("Totp");
		password = password();
		user = user("totp", password);
		member(tenant, user, TenantRole.DEVELOPER);
		credential = caller(tenant, user, "users:read");
	}

	@Test
	void enrolsSignsInWithEachCodeOnceAndWithEachRecoveryCodeOnce() throws Exception {
		HttpResponse<String> started = api().post("/api/v1/me/mfa/totp", credential, "");
		assertThat(started.statusCode()).isEqualTo(200);
		String secret = json(started).get("secret").asString();
		assertThat(json(started).get("otpauthUri").asString()).startsWith("otpauth://totp/")
			.contains("secret=" + secret);
		String sealed = jdbc.queryForObject("SELECT sealed_seed FROM totp_credential WHERE user_id = ?", String.class,
				user.id().value());
		assertThat(sealed).startsWith("v1.").doesNotContain(secret);
		assertThat(identity.authenticate(user.email(), password, "203.0.113.1").secondFactorRequired())
			.as("not before it is confirmed")
			.isFalse();

		HttpResponse<String> wrong = api().post("/api/v1/me/mfa/totp/confirm", credential, "{\"code\":\"000000\"}");
		assertThat(wrong.statusCode()).isEqualTo(401);
		String first = code(secret);
		HttpResponse<String> confirmed = api().post("/api/v1/me/mfa/totp/confirm", credential,
				ApiTestSupport.json(Map.of("code", first)));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		List<String> recoveryCodes = new ArrayList<>();
		json(confirmed).get("recoveryCodes").forEach(recoveryCode -> recoveryCodes.add(recoveryCode.asString()));
		assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
		assertThat(json(api().get("/api/v1/me", credential)).get("mfaEnabled").asBoolean()).isTrue();

		SignIn signIn = identity.authenticate(user.email(), password, "203.0.113.1");
		assertThat(signIn.secondFactorRequired()).isTrue();
		assertThat(
				catchThrowableOfType(DomainProblem.class, () -> identity.verifySecondFactor(user.id(), first)).code())
			.as("the confirming code was used")
			.isEqualTo("invalid_second_factor");

		clock.advance(Duration.ofSeconds(30));
		String next = code(secret);
		assertThat(identity.verifySecondFactor(user.id(), next).id()).isEqualTo(user.id());
		assertThat(catchThrowableOfType(DomainProblem.class, () -> identity.verifySecondFactor(user.id(), next)).code())
			.as("a replayed code")
			.isEqualTo("invalid_second_factor");

		String recovery = recoveryCodes.get(3);
		assertThat(identity.verifySecondFactor(user.id(), recovery.toUpperCase(Locale.ROOT)).id()).isEqualTo(user.id());
		assertThat(catchThrowableOfType(DomainProblem.class, () -> identity.verifySecondFactor(user.id(), recovery))
			.code()).as("a used recovery code").isEqualTo("invalid_second_factor");

		clock.advance(Duration.ofSeconds(30));
		HttpResponse<String> disabled = api().delete("/api/v1/me/mfa/totp", credential);
		assertThat(disabled.statusCode()).as("the code is required").isEqualTo(400);
		assertThat(
				new TestHttp(port)
					.send(new TestHttp(port).request("/api/v1/me/mfa/totp")
						.header(ApiTestSupport.CREDENTIAL, credential)
						.header("Content-Type", "application/json")
						.method("DELETE",
								java.net.http.HttpRequest.BodyPublishers
									.ofString("{\"code\":\"" + code(secret) + "\"}")))
					.statusCode())
			.isEqualTo(204);
		assertThat(identity.authenticate(user.email(), password, "203.0.113.1").secondFactorRequired()).isFalse();
	}

	@Test
	void wrongCodesCountTowardsTheLock() throws Exception {
		String secret = identity.startTotpEnrolment(user.id()).secret();
		identity.confirmTotpEnrolment(user.id(), code(secret));
		for (int i = 0; i < 5; i++) {
			assertThat(catchThrowableOfType(DomainProblem.class, () -> identity.verifySecondFactor(user.id(), "999999"))
				.code()).isIn("invalid_second_factor");
		}
		clock.advance(Duration.ofSeconds(30));
		String valid = code(secret);
		assertThat(
				catchThrowableOfType(DomainProblem.class, () -> identity.verifySecondFactor(user.id(), valid)).code())
			.isEqualTo("account_locked");
		clock.advance(Duration.ofMinutes(16));
		assertThat(identity.verifySecondFactor(user.id(), code(secret)).id()).isEqualTo(user.id());
	}

	@Test
	void aTenantThatRequiresMfaSendsUsersWithoutOneToEnrol() {
		assertThat(identity.authenticate(user.email(), password, "203.0.113.2").enrolmentRequired()).isFalse();
		HttpResponse<String> policy = api().put("/api/v1/security-policy", caller(tenant, user, "users:manage"),
				"application/json", "{\"mfaRequired\":true}".getBytes());
		assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
		assertThat(TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), () -> identity.mfaRequired(tenant)))
			.isTrue();

		SignIn signIn = identity.authenticate(user.email(), password, "203.0.113.2");
		assertThat(signIn.enrolmentRequired()).isTrue();
		assertThat(signIn.secondFactorRequired()).isFalse();
	}

	private String code(String secret) throws Exception {
		long step = clock.instant().getEpochSecond() / 30;
		return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
	}

}
