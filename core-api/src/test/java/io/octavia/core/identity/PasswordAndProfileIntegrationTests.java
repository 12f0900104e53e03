package io.octavia.core.identity;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.platform.DomainProblem;

import static io.octavia.core.api.ApiTestSupport.fieldErrors;
import static io.octavia.core.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Password reset through the mail and the pages, password change, e-mail verification,
 * profile.
 */
class PasswordAndProfileIntegrationTests extends IdentityTestSupport {

	@Test
	void resetsAPasswordThroughTheMailedLinkOnce() {
		UserSummary user = user("forgetful", password());
		Browser browser = new Browser();
		browser.get("/account/password-reset");
		HttpResponse<String> requested = browser.post("/account/password-reset/request", Map.of("email", user.email()));
		assertThat(requested.statusCode()).isEqualTo(200);
		String unknownAddress = email("nobody");
		HttpResponse<String> unknown = browser.post("/account/password-reset/request", Map.of("email", unknownAddress));
		assertThat(unknown.statusCode()).isEqualTo(200);
		assertThat(main(unknown)).as("the same answer for an unknown address").isEqualTo(main(requested));

		String mail = mailTo(user.email());
		assertThat(mail).startsWith("Reset your password").contains("/account/password-reset?token=");
		String token = token(mail);

		HttpResponse<String> form = browser.get("/account/password-reset?token=" + token);
		assertThat(form.body()).contains("name=\"newPassword\"");
		HttpResponse<String> common = browser.post("/account/password-reset",
				Map.of("token", token, "newPassword", "qwertyuiopasdf"));
		assertThat(common.body()).contains("This password is too common.");

		String newPassword = password();
		HttpResponse<String> reset = browser.post("/account/password-reset",
				Map.of("token", token, "newPassword", newPassword));
		assertThat(reset.body()).contains("Password changed");
		assertThat(identity.authenticate(user.email(), newPassword, "192.0.2.10").user().id()).isEqualTo(user.id());
		assertThat(identity.profile(user.id()).emailVerified()).isTrue();

		HttpResponse<String> again = browser.post("/account/password-reset",
				Map.of("token", token, "newPassword", password()));
		assertThat(again.body()).contains("This link no longer works");
		assertThat(mailsTo(unknownAddress)).isEmpty();
	}

	private static String main(HttpResponse<String> page) {
		return page.body().substring(page.body().indexOf("<main"), page.body().indexOf("</main>"));
	}

	@Test
	void theAccountPagesSpeakTheChosenLanguage() {
		Browser browser = new Browser();
		assertThat(browser.get("/account/password-reset?lang=de").body()).contains("Passwort zurücksetzen")
			.contains("lang=\"de\"");
		assertThat(browser.get("/account/password-reset").body()).as("the choice is kept")
			.contains("Passwort zurücksetzen");
		assertThat(browser.get("/account/password-reset/request?lang=fa").statusCode()).isEqualTo(200);
		assertThat(browser.get("/account/password-reset").body()).contains("dir=\"rtl\"");
	}

	@Test
	void anExpiredResetLinkIsRefused() {
		UserSummary user = user("slow", password());
		identity.requestPasswordReset(user.email());
		String token = token(mailTo(user.email()));
		clock.advance(Duration.ofMinutes(31));
		assertThat(identity.passwordResetValid(token)).isFalse();
		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> identity.resetPassword(token, password()));
		assertThat(problem.code()).isEqualTo("link_invalid");
	}

	@Test
	void changesThePasswordWithTheCurrentOneAndRefusesCommonPasswords() {
		String current = password();
		UserSummary user = user("changer", current);
		String credential = "user=" + user.id() + ";authorities=users:read";

		HttpResponse<String> common = api().post("/api/v1/me/password", credential,
				ApiTestSupport.json(Map.of("currentPassword", current, "newPassword", "PASSWORD1234")));
		assertThat(common.statusCode()).isEqualTo(400);
		assertThat(fieldErrors(common)).containsEntry("newPassword",
				"This password is too common. Choose one that is harder to guess.");
		HttpResponse<String> wrongCurrent = api().post("/api/v1/me/password", credential,
				ApiTestSupport.json(Map.of("currentPassword", "not it at all", "newPassword", password())));
		assertThat(fieldErrors(wrongCurrent)).containsKey("currentPassword");

		String changed = password();
		HttpResponse<String> ok = api().post("/api/v1/me/password", credential,
				ApiTestSupport.json(Map.of("currentPassword", current, "newPassword", changed)));
		assertThat(ok.statusCode()).isEqualTo(204);
		assertThat(identity.authenticate(user.email(), changed, "192.0.2.11").user().id()).isEqualTo(user.id());
	}

	@Test
	void verifiesTheAddressOnlyWhenTheButtonIsPressed() {
		UserSummary user = user("unverified", password());
		String credential = "user=" + user.id() + ";authorities=users:read";
		assertThat(api().post("/api/v1/me/email-verification", credential, "").statusCode()).isEqualTo(202);
		String token = token(mailTo(user.email()));

		Browser browser = new Browser();
		assertThat(browser.get("/account/email-verification?token=" + token).statusCode()).isEqualTo(200);
		assertThat(identity.profile(user.id()).emailVerified()).as("opening the link changes nothing").isFalse();
		assertThat(browser.post("/account/email-verification", Map.of("token", token)).body())
			.contains("Address confirmed");
		assertThat(identity.profile(user.id()).emailVerified()).isTrue();
		assertThat(browser.post("/account/email-verification", Map.of("token", token)).body())
			.contains("This link no longer works");
	}

	@Test
	void editsTheProfile() {
		UserSummary user = user("profile", password());
		String credential = "user=" + user.id() + ";authorities=users:read";
		HttpResponse<String> changed = api().patch("/api/v1/me", credential,
				"{\"displayName\":\"Renamed\",\"locale\":\"fa\",\"timeZone\":\"Asia/Tehran\"}");
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
		assertThat(json(changed).get("displayName").asString()).isEqualTo("Renamed");
		assertThat(json(changed).get("locale").asString()).isEqualTo("fa");
		assertThat(json(changed).get("timeZone").asString()).isEqualTo("Asia/Tehran");

		HttpResponse<String> invalid = api().patch("/api/v1/me", credential,
				"{\"displayName\":\" \",\"locale\":\"xx\",\"timeZone\":\"Mars/Olympus\"}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(fieldErrors(invalid)).containsOnlyKeys("displayName", "locale", "timeZone");
		assertThat(api().get("/api/v1/me", "tenant=" + api().activeTenant("Keys") + ";authorities=users:read")
			.statusCode()).as("a credential without a user").isEqualTo(403);
	}

}
