package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.PlatformRole;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserProfile;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.octavia.core.console.ConsoleClient.fragment;
import static io.octavia.core.console.ConsoleClient.html;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account page of both consoles over plain HTTP against the real servers: profile,
 * password (with the common-password rule inline) and TOTP enrolment driven with codes
 * computed here, recovery codes, turning it off; and that it only ever touches the
 * caller's own account.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountConsoleIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	IdentityManagement identity;

	TenantId tenant;

	@BeforeAll
	void aTenant() {
		tenant = tenants
			.create(new CreateTenant("account-" + Ids.newId().toString().substring(28), "Account", "en", "UTC", "EUR"))
			.id();
	}

	@Test
	void aMemberEditsTheirProfile() {
		UserSummary user = member("profile");
		UserSummary other = member("other");
		ConsoleClient browser = portal(user);

		Document page = browser.page("/portal/account");
		assertThat(page.select("#nav-account").attr("aria-current")).isEqualTo("page");
		assertThat(page.select("#profile-email").text()).isEqualTo(user.email());
		assertThat(page.select("#profile-display-name").val()).isEqualTo("profile");
		assertThat(page.select("#mfa-state").text()).isEqualTo("Off");

		HttpResponse<String> saved = browser.post("/portal/account/profile", Map.of("displayName", "Renamed", "locale",
				"de", "timeZone", "Europe/Berlin", "userId", other.id().toString()), "HX-Request", "true");
		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(fragment(saved).select("#profile-form .alert-success").text()).isEqualTo("Your profile was saved.");
		UserProfile changed = identity.profile(user.id());
		assertThat(changed.displayName()).isEqualTo("Renamed");
		assertThat(changed.locale().getLanguage()).isEqualTo("de");
		assertThat(changed.timeZone().getId()).isEqualTo("Europe/Berlin");
		assertThat(identity.profile(other.id()).displayName()).as("ids in the form are ignored").isEqualTo("other");

		HttpResponse<String> refused = browser.post("/portal/account/profile",
				Map.of("displayName", "Kept", "locale", "de", "timeZone", "Nowhere/City"), "HX-Request", "true");
		assertThat(refused.statusCode()).isEqualTo(422);
		Document form = fragment(refused);
		assertThat(form.select("#profile-time-zone").val()).isEqualTo("Nowhere/City");
		assertThat(form.select("#profile-time-zone").attr("aria-invalid")).isEqualTo("true");
		assertThat(form.select("#profile-time-zone ~ .field-error").text()).isNotBlank();
		assertThat(form.select("#profile-display-name").val()).isEqualTo("Kept");
		assertThat(identity.profile(user.id()).displayName()).isEqualTo("Renamed");

		HttpResponse<String> plain = browser.post("/portal/account/profile",
				Map.of("displayName", "Plain", "locale", "fr", "timeZone", "UTC"));
		assertThat(plain.statusCode()).isEqualTo(302);
		assertThat(browser.page("/portal/account").select(".flashes .alert-success").text())
			.isEqualTo("Your profile was saved.");
	}

	@Test
	void thePasswordChangesWithTheRulesShownInline() {
		String password = "pw-" + Ids.newId();
		UserSummary user = identity.createUser("password-" + Ids.newId() + "@example.com", "password", password);
		ConsoleClient browser = portal(user);

		HttpResponse<String> wrong = browser.post("/portal/account/password",
				Map.of("currentPassword", "not-my-password", "newPassword", "pw-" + Ids.newId()), "HX-Request", "true");
		assertThat(wrong.statusCode()).isEqualTo(422);
		assertThat(fragment(wrong).select("#password-current ~ .field-error").text())
			.isEqualTo("The current password is not correct.");
		assertThat(fragment(wrong).select("#password-current").val()).as("passwords are never sent back").isEmpty();

		HttpResponse<String> common = browser.post("/portal/account/password",
				Map.of("currentPassword", password, "newPassword", "PasswordPassword"), "HX-Request", "true",
				"Accept-Language", "fr");
		assertThat(common.statusCode()).isEqualTo(422);
		assertThat(fragment(common).select("#password-new").attr("aria-invalid")).isEqualTo("true");
		assertThat(fragment(common).select("#password-new ~ .field-error").text()).isNotBlank()
			.doesNotContain("too common");

		String next = "pw-" + Ids.newId();
		HttpResponse<String> changed = browser.post("/portal/account/password",
				Map.of("currentPassword", password, "newPassword", next));
		assertThat(changed.statusCode()).isEqualTo(302);
		assertThat(browser.page("/portal/account").select(".flashes .alert-success").text())
			.isEqualTo("Your password was changed.");
		assertThat(identity.authenticate(user.email(), next, "203.0.113.30").user().id()).isEqualTo(user.id());
	}

	@Test
	void anOperatorTurnsTwoFactorSignInOnAndOff() throws Exception {
		UserSummary operator = identity.createOperator("operator-" + Ids.newId() + "@example.com", "operator",
				"pw-" + Ids.newId(), Set.of(PlatformRole.SUPPORT));
		ConsoleClient browser = new ConsoleClient(port, "user=" + operator.id() + ";authorities=tenants:read");
		assertThat(browser.page("/admin/account").select("#mfa-start")).hasSize(1);

		HttpResponse<String> started = browser.post("/admin/account/mfa", Map.of(), "HX-Request", "true");
		assertThat(started.statusCode()).isEqualTo(200);
		Document enrolment = fragment(started);
		String secret = enrolment.select("#mfa-secret").val();
		assertThat(secret).matches("[A-Z2-7]{16,}");
		assertThat(enrolment.select("#mfa-uri").val()).startsWith("otpauth://totp/").contains("secret=" + secret);
		String qrCode = enrolment.select("#mfa-qr-code").attr("src");
		assertThat(qrCode).startsWith("data:image/svg+xml;base64,");
		assertThat(new String(Base64.getDecoder().decode(qrCode.substring(qrCode.indexOf(',') + 1)),
				StandardCharsets.UTF_8))
			.startsWith("<svg")
			.doesNotContain(secret);

		HttpResponse<String> wrong = browser.post("/admin/account/mfa/confirmation",
				Map.of("code", "000000", "secret", secret, "otpauthUri", enrolment.select("#mfa-uri").val()),
				"HX-Request", "true");
		assertThat(wrong.statusCode()).isEqualTo(422);
		assertThat(fragment(wrong).select("#mfa-code ~ .field-error").text())
			.isEqualTo("The verification code is not correct or has expired.");
		assertThat(fragment(wrong).select("#mfa-secret").val()).as("the seed stays to try again").isEqualTo(secret);
		assertThat(identity.profile(operator.id()).mfaEnabled()).isFalse();

		String code = code(secret);
		HttpResponse<String> confirmed = browser.post("/admin/account/mfa/confirmation",
				Map.of("code", code, "secret", secret, "otpauthUri", enrolment.select("#mfa-uri").val()));
		assertThat(confirmed.statusCode()).isEqualTo(200);
		Document withCodes = html(confirmed);
		List<String> recoveryCodes = withCodes.select("#recovery-codes li").eachText();
		assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
		assertThat(withCodes.select("#mfa .alert-warning").text()).contains("only this once");
		assertThat(withCodes.select("#mfa-state").text()).isEqualTo("On");
		assertThat(identity.profile(operator.id()).mfaEnabled()).isTrue();

		Document later = browser.page("/admin/account");
		assertThat(later.select("#recovery-codes")).as("shown once").isEmpty();
		assertThat(later.select("#mfa-disable-form")).hasSize(1);
		HttpResponse<String> again = browser.post("/admin/account/mfa", Map.of(), "HX-Request", "true");
		assertThat(again.statusCode()).isEqualTo(422);
		assertThat(fragment(again).select("#mfa .alert-error").text())
			.isEqualTo("Turn two-factor sign-in off before enrolling a new authenticator.");

		HttpResponse<String> replayed = browser.post("/admin/account/mfa/removal", Map.of("code", code), "HX-Request",
				"true");
		assertThat(replayed.statusCode()).as("a code counts once").isEqualTo(422);
		assertThat(fragment(replayed).select("#mfa-disable-code").attr("aria-invalid")).isEqualTo("true");
		assertThat(identity.profile(operator.id()).mfaEnabled()).isTrue();

		HttpResponse<String> off = browser.post("/admin/account/mfa/removal", Map.of("code", recoveryCodes.getFirst()),
				"HX-Request", "true");
		assertThat(off.statusCode()).isEqualTo(200);
		assertThat(fragment(off).select("#mfa-state").text()).isEqualTo("Off");
		assertThat(identity.profile(operator.id()).mfaEnabled()).isFalse();
	}

	@Test
	void thePageNeedsASignedInUserAndTheToken() {
		UserSummary user = member("refused");
		ConsoleClient.assertSignInRequired(new ConsoleClient(port, null).get("/portal/account"));
		HttpResponse<String> keyOnly = new ConsoleClient(port, "tenant=" + tenant + ";authorities=users:read")
			.get("/portal/account");
		assertThat(keyOnly.statusCode()).isEqualTo(403);
		assertThat(html(keyOnly).select("#problem-code").text()).isEqualTo("forbidden");
		assertThat(
				portal(user).postWithoutToken("/portal/account/profile", Map.of("displayName", "Forged")).statusCode())
			.isEqualTo(403);
		assertThat(portal(user).postWithoutToken("/portal/account/mfa", Map.of()).statusCode()).isEqualTo(403);
		assertThat(identity.profile(user.id()).displayName()).isEqualTo("refused");
		assertThat(identity.profile(user.id()).mfaEnabled()).isFalse();
	}

	private ConsoleClient portal(UserSummary user) {
		return new ConsoleClient(port, "tenant=" + tenant + ";user=" + user.id() + ";authorities=users:read");
	}

	private UserSummary member(String name) {
		UserSummary user = identity.createUser(name + "-" + Ids.newId() + "@example.com", name, "pw-" + Ids.newId());
		TenantContext.run(TenantContext.Scope.tenant(tenant, "test"),
				() -> identity.addMember(tenant, user.id(), TenantRole.VIEWER));
		return user;
	}

	private static String code(String secret) throws Exception {
		return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, Instant.now().getEpochSecond() / 30);
	}

}
