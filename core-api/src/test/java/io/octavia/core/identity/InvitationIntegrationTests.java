package io.octavia.core.identity;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OutboxCopy;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static io.octavia.core.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Invitations: mailed once, accepted once, refused once revoked or expired. */
class InvitationIntegrationTests extends IdentityTestSupport {

	@Autowired
	Environment environment;

	TenantId tenant;

	UserSummary admin;

	String adminCredential;

	@BeforeEach
	void tenantWithAnAdmin() {
		tenant = api().activeTenant("Invitations");
		admin = user("admin", password());
		member(tenant, admin, TenantRole.ADMIN);
		adminCredential = caller(tenant, admin, "users:read,users:manage");
	}

	@Test
	void anInvitationIsMailedOnceEvenWhenRetriedAndAcceptedOnce() throws Exception {
		String invitee = email("invitee");
		String body = ApiTestSupport.json(Map.of("email", invitee.toUpperCase(Locale.ROOT), "role", "developer"));
		try (OutboxCopy outbox = OutboxCopy.start(environment)) {
			HttpResponse<String> first = api().post("/api/v1/invitations", adminCredential, body, "Idempotency-Key",
					"invite-" + invitee);
			HttpResponse<String> retry = api().post("/api/v1/invitations", adminCredential, body, "Idempotency-Key",
					"invite-" + invitee);

			assertThat(first.statusCode()).isEqualTo(201);
			assertThat(json(first).get("email").asString()).isEqualTo(invitee);
			assertThat(json(first).get("status").asString()).isEqualTo("pending");
			assertThat(first.body()).doesNotContain("token");
			assertThat(retry.statusCode()).isEqualTo(201);
			assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
			assertThat(json(retry).get("id").asString()).isEqualTo(json(first).get("id").asString());

			String mail = mailTo(invitee);
			// in the tenant's language (de), from its default brand
			assertThat(mail).startsWith("Ihre Einladung zu Invitations")
				.contains("als Entwickler")
				.contains("http://localhost:" + port + "/account/invitation?token=");
			assertThat(mailsTo(invitee).getFirst().getFrom()[0].toString()).contains("Invitations");
			String token = token(mail);
			// only the hash is stored; the outbox holds the link sealed
			assertThat(outbox.containing(invitee)).as("the outbox held the invitation").isNotEmpty();
			assertThat(outbox.containing(token)).isEmpty();

			Membership membership = identity.acceptInvitation(token, "Ada Invitee", password(), "198.51.100.1",
					Locale.GERMAN);
			assertThat(membership.tenantId()).isEqualTo(tenant);
			assertThat(membership.role()).isEqualTo(TenantRole.DEVELOPER);
			UserProfile profile = identity.profile(membership.userId());
			assertThat(profile.email()).isEqualTo(invitee);
			assertThat(profile.emailVerified()).as("the invitation mail proved the address").isTrue();
			assertThat(profile.locale()).isEqualTo(Locale.GERMAN);
			assertThat(identity.membershipsOf(membership.userId())).extracting(Membership::tenantId)
				.containsExactly(tenant);
			assertThat(mailsTo(invitee)).as("the retry sent no second mail").hasSize(1);

			DomainProblem again = catchThrowableOfType(DomainProblem.class,
					() -> identity.acceptInvitation(token, "Ada Again", password(), "198.51.100.1", Locale.ENGLISH));
			assertThat(again.code()).isEqualTo("link_invalid");
			assertThat(again.kind()).isEqualTo(DomainProblem.Kind.GONE);

			HttpResponse<String> listed = api().get("/api/v1/invitations", adminCredential);
			assertThat(json(listed).get("items").get(0).get("status").asString()).isEqualTo("accepted");
		}
	}

	@Test
	void anExpiredInvitationIsRefused() {
		String invitee = email("late");
		invite(invitee, "viewer");
		String token = token(mailTo(invitee));
		assertThat(identity.invitation(token)).map(preview -> preview.invitation().status())
			.contains(InvitationStatus.PENDING);

		clock.advance(Duration.ofDays(7).plusMinutes(1));

		assertThat(identity.invitation(token)).map(preview -> preview.invitation().status())
			.contains(InvitationStatus.EXPIRED);
		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> identity.acceptInvitation(token, "Too Late", password(), "198.51.100.2", Locale.ENGLISH));
		assertThat(problem.code()).isEqualTo("link_invalid");
		assertThat(api().get("/api/v1/invitations", adminCredential).body()).contains("\"expired\"");
	}

	@Test
	void aRevokedInvitationIsRefusedAndCannotBeRevokedTwice() {
		String invitee = email("revoked");
		UUID id = UUID.fromString(json(invite(invitee, "viewer")).get("id").asString());
		String token = token(mailTo(invitee));

		assertThat(api().delete("/api/v1/invitations/" + id, adminCredential).statusCode()).isEqualTo(204);
		HttpResponse<String> twice = api().delete("/api/v1/invitations/" + id, adminCredential);
		assertThat(twice.statusCode()).isEqualTo(409);
		assertThat(json(twice).get("code").asString()).isEqualTo("invitation_not_pending");

		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> identity.acceptInvitation(token, "Revoked", password(), "198.51.100.3", Locale.ENGLISH));
		assertThat(problem.code()).isEqualTo("link_invalid");
		assertThat(new Browser().get("/account/invitation?token=" + token).body())
			.contains("This link no longer works");
	}

	@Test
	void anExistingAccountAcceptsWithItsPasswordThroughThePage() {
		String password = password();
		UserSummary existing = user("existing", password);
		invite(existing.email(), "billing");
		String token = token(mailTo(existing.email()));

		Browser browser = new Browser();
		HttpResponse<String> page = browser.get("/account/invitation?token=" + token);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Invitations").contains("Your current password").doesNotContain("Your name");

		HttpResponse<String> wrong = browser.post("/account/invitation", Map.of("token", token, "password", "wrong"));
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(wrong.body()).contains("The e-mail address or the password is not correct.");
		assertThat(identity.membershipsOf(existing.id())).isEmpty();

		HttpResponse<String> accepted = browser.post("/account/invitation",
				Map.of("token", token, "password", password));
		assertThat(accepted.body()).contains("Welcome aboard");
		assertThat(identity.membershipsOf(existing.id())).extracting(Membership::role)
			.containsExactly(TenantRole.BILLING);
	}

	@Test
	void ofTwoConcurrentAcceptancesOneWins() throws Exception {
		String password = password();
		UserSummary existing = user("racer", password);
		invite(existing.email(), "viewer");
		String token = token(mailTo(existing.email()));
		CyclicBarrier start = new CyclicBarrier(2);
		List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
		try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
			for (int i = 0; i < 2; i++) {
				threads.submit(() -> {
					start.await();
					try {
						identity.acceptInvitation(token, null, password, "198.51.100.5", Locale.ENGLISH);
						outcomes.add("accepted");
					}
					catch (DomainProblem problem) {
						outcomes.add(problem.code());
					}
					return null;
				});
			}
		}
		assertThat(outcomes).containsExactlyInAnyOrder("accepted", "link_invalid");
		assertThat(identity.membershipsOf(existing.id())).hasSize(1);
	}

	@Test
	void junkTokensLeadNowhere() {
		Browser browser = new Browser();
		for (String path : List.of("/account/invitation", "/account/invitation?token=../../etc/passwd",
				"/account/invitation?token=" + "A".repeat(43), "/account/password-reset?token=nope")) {
			HttpResponse<String> page = browser.get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.body()).as(path).contains("This link no longer works");
		}
	}

	@Test
	void aFormWithoutItsCsrfTokenIsRefused() {
		HttpResponse<String> response = api().http()
			.post("/account/password-reset/request", "application/x-www-form-urlencoded", "email=x%40example.com");
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void aNewAccountNeedsANameAndAnUncommonPassword() {
		String invitee = email("weak");
		invite(invitee, "viewer");
		String token = token(mailTo(invitee));
		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> identity.acceptInvitation(token, " ", "Password1234", "198.51.100.4", Locale.ENGLISH));
		assertThat(problem.code()).isEqualTo("validation_failed");
		assertThat(problem.fields())
			.extracting(DomainProblem.FieldProblem::field, DomainProblem.FieldProblem::messageKey)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("displayName", "api.field.name"),
					org.assertj.core.groups.Tuple.tuple("password", "api.field.password_common"));
		assertThat(identity.invitation(token)).map(preview -> preview.invitation().status())
			.as("a refused acceptance leaves the invitation usable")
			.contains(InvitationStatus.PENDING);
	}

	@Test
	void onlyAnOwnerInvitesAnOwner() {
		HttpResponse<String> response = api().post("/api/v1/invitations", adminCredential,
				ApiTestSupport.json(Map.of("email", email("owner"), "role", "owner")));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(json(response).get("code").asString()).isEqualTo("owner_required");
	}

	@Test
	void anInvitationIsInvisibleToAnotherTenant() {
		UUID id = UUID.fromString(json(invite(email("private"), "viewer")).get("id").asString());
		TenantId other = api().activeTenant("Other");
		UserSummary otherAdmin = user("other-admin", password());
		member(other, otherAdmin, TenantRole.ADMIN);
		String otherCredential = caller(other, otherAdmin, "users:read,users:manage");

		HttpResponse<String> revoke = api().delete("/api/v1/invitations/" + id, otherCredential);
		assertThat(revoke.statusCode()).isEqualTo(404);
		assertThat(json(api().get("/api/v1/invitations", otherCredential)).get("items")).isEmpty();
		assertThat(TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> identity.invitations(tenant, null, 10).items()))
			.extracting(Invitation::id)
			.contains(id);
	}

	private HttpResponse<String> invite(String email, String role) {
		HttpResponse<String> response = api().post("/api/v1/invitations", adminCredential,
				ApiTestSupport.json(Map.of("email", email, "role", role)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response;
	}

}
