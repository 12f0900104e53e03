package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.Invitation;
import io.octavia.core.identity.InvitationStatus;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserStatus;
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
 * The tenant portal's members and invitations page over plain HTTP against the real
 * servers: the list and its filters, inline role changes with the owner rules as friendly
 * messages, disabling, removal after confirmation, invitations, permissions, and the
 * isolation between tenants (another tenant's member or invitation id is 404).
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalMembersConsoleIntegrationTests {

	static final String MANAGER = "users:read,users:manage";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	IdentityManagement identity;

	TenantId a;

	TenantId b;

	UserSummary ownerOfA;

	UserSummary adminOfA;

	UserSummary memberOfB;

	ConsoleClient owner;

	@BeforeAll
	void twoTenantsWithMembers() {
		a = tenants.create(new CreateTenant(slug("members-a"), "Members A", "en", "UTC", "EUR")).id();
		b = tenants.create(new CreateTenant(slug("members-b"), "Members B", "en", "UTC", "EUR")).id();
		ownerOfA = user("owner-a");
		adminOfA = user("admin-a");
		memberOfB = user("member-b");
		member(a, ownerOfA, TenantRole.OWNER);
		member(a, adminOfA, TenantRole.ADMIN);
		member(b, memberOfB, TenantRole.OWNER);
		owner = client(a, ownerOfA, MANAGER);
	}

	@Test
	void theListShowsTheTenantsOwnMembersAndFilters() {
		UserSummary developer = user("dev-a");
		member(a, developer, TenantRole.DEVELOPER);

		Document page = owner.page("/portal/members");
		assertThat(page.select("#nav-members").attr("aria-current")).isEqualTo("page");
		assertThat(page.select("#member-rows .member-row").eachAttr("id")).contains("member-" + ownerOfA.id(),
				"member-" + developer.id());
		assertThat(page.body().text()).doesNotContain(memberOfB.email());
		assertThat(page.select("#member-" + developer.id() + " select.member-role option[selected]").val())
			.isEqualTo("developer");

		Document developers = owner.page("/portal/members?role=developer");
		assertThat(developers.select("#member-rows .member-row").eachAttr("id"))
			.containsExactly("member-" + developer.id());

		HttpResponse<String> swapped = owner.htmx("/portal/members?role=owner&status=active", "member-results");
		assertThat(swapped.statusCode()).isEqualTo(200);
		Document results = fragment(swapped);
		assertThat(results.select("#member-results")).hasSize(1);
		assertThat(results.select(".member-row").eachAttr("id")).containsExactly("member-" + ownerOfA.id());

		Document unknown = owner.page("/portal/members?status=sleeping");
		assertThat(unknown.select("#member-results .alert-error").text())
			.isEqualTo("Choose a role and a status from the lists.");
	}

	@Test
	void loadMoreAddsTheNextPageOfRows() {
		TenantId big = tenants.create(new CreateTenant(slug("members-big"), "Members Big", "en", "UTC", "EUR")).id();
		UserSummary first = user("big-owner");
		member(big, first, TenantRole.OWNER);
		for (int i = 0; i < 25; i++) {
			member(big, user("big-" + i), TenantRole.VIEWER);
		}
		ConsoleClient bigOwner = client(big, first, "users:read");
		Document page = bigOwner.page("/portal/members");
		assertThat(page.select("#member-rows .member-row")).hasSize(25);
		String more = page.select("#members-more a").attr("href");
		assertThat(more).startsWith("/portal/members?cursor=");

		HttpResponse<String> next = bigOwner.htmx(more, "members-more");
		assertThat(next.statusCode()).isEqualTo(200);
		Document rows = row(next);
		assertThat(rows.select(".member-row")).hasSize(1);
		assertThat(rows.select("#members-more")).isEmpty();
		assertThat(page.select(".member-row").eachAttr("id"))
			.doesNotContainAnyElementsOf(rows.select(".member-row").eachAttr("id"));
	}

	@Test
	void rolesChangeInlineAndTheOwnerRulesAreShownAtTheRow() {
		UserSummary developer = user("role-a");
		member(a, developer, TenantRole.DEVELOPER);

		HttpResponse<String> changed = owner.post("/portal/members/" + developer.id() + "/role",
				Map.of("role", "billing"), "HX-Request", "true");
		assertThat(changed.statusCode()).isEqualTo(200);
		Document row = row(changed);
		assertThat(row.select("tr#member-" + developer.id() + " option[selected]").val()).isEqualTo("billing");
		assertThat(row.select(".row-saved").text()).isEqualTo("The role of " + developer.email() + " was changed.");
		assertThat(inScope(a, () -> identity.member(a, developer.id()).role())).isEqualTo(TenantRole.BILLING);

		HttpResponse<String> lastOwner = owner.post("/portal/members/" + ownerOfA.id() + "/role",
				Map.of("role", "admin"), "HX-Request", "true", "Accept-Language", "de");
		assertThat(lastOwner.statusCode()).isEqualTo(422);
		assertThat(row(lastOwner).select(".row-problem").text()).startsWith("Ihre Organisation braucht");
		assertThat(row(lastOwner).select("option[selected]").val()).isEqualTo("owner");
		assertThat(inScope(a, () -> identity.member(a, ownerOfA.id()).role())).isEqualTo(TenantRole.OWNER);

		ConsoleClient admin = client(a, adminOfA, MANAGER);
		HttpResponse<String> notOwner = admin.post("/portal/members/" + developer.id() + "/role",
				Map.of("role", "owner"), "HX-Request", "true");
		assertThat(notOwner.statusCode()).isEqualTo(422);
		assertThat(row(notOwner).select(".row-problem").text())
			.isEqualTo("Only an owner can give or take away the owner role.");

		HttpResponse<String> nonsense = owner.post("/portal/members/" + developer.id() + "/role",
				Map.of("role", "emperor"), "HX-Request", "true");
		assertThat(nonsense.statusCode()).isEqualTo(422);
		assertThat(row(nonsense).select(".row-problem").text()).isNotBlank();

		// without JavaScript: a redirect with the message on the next page
		HttpResponse<String> plain = owner.post("/portal/members/" + developer.id() + "/role",
				Map.of("role", "viewer"));
		assertThat(plain.statusCode()).isEqualTo(302);
		assertThat(owner.page("/portal/members").select(".flashes .alert-success").text())
			.isEqualTo("The role of " + developer.email() + " was changed.");
		HttpResponse<String> plainRefusal = owner.post("/portal/members/" + ownerOfA.id() + "/disabling", Map.of());
		assertThat(plainRefusal.statusCode()).isEqualTo(302);
		assertThat(owner.page("/portal/members").select(".flashes .alert-error").text())
			.startsWith("Your organisation needs at least one active owner.");
	}

	@Test
	void membersAreDisabledEnabledAndRemovedAfterConfirmation() {
		UserSummary viewer = user("toggle-a");
		member(a, viewer, TenantRole.VIEWER);
		String path = "/portal/members/" + viewer.id();

		HttpResponse<String> disabled = owner.post(path + "/disabling", Map.of(), "HX-Request", "true");
		assertThat(disabled.statusCode()).isEqualTo(200);
		assertThat(row(disabled).select(".member-status").text()).isEqualTo("Disabled");
		assertThat(inScope(a, () -> identity.member(a, viewer.id()).status())).isEqualTo(UserStatus.DISABLED);
		assertThat(owner.page("/portal/members?status=disabled").select(".member-row").eachAttr("id"))
			.contains("member-" + viewer.id())
			.doesNotContain("member-" + ownerOfA.id());
		HttpResponse<String> enabled = owner.post(path + "/enabling", Map.of(), "HX-Request", "true");
		assertThat(row(enabled).select(".member-status").text()).isEqualTo("Active");

		HttpResponse<String> question = owner.htmx(path + "/removal", "member-" + viewer.id());
		assertThat(question.statusCode()).isEqualTo(200);
		assertThat(row(question).select(".member-removal-form").attr("action")).isEqualTo(path + "/removal");
		assertThat(owner.page(path + "/removal").select("#member-removal p").text()).contains(viewer.email());
		assertThat(inScope(a, () -> identity.member(a, viewer.id()).status())).isEqualTo(UserStatus.ACTIVE);

		HttpResponse<String> removed = owner.post(path + "/removal", Map.of());
		assertThat(removed.statusCode()).isEqualTo(302);
		Document after = owner.page("/portal/members");
		assertThat(after.select(".flashes .alert-success").text()).contains(viewer.email());
		assertThat(after.select("#member-" + viewer.id())).isEmpty();
		assertThat(owner.get(path + "/removal").statusCode()).isEqualTo(404);
	}

	@Test
	void invitationsAreSentValidatedAndRevoked() {
		HttpResponse<String> invalid = owner.post("/portal/members/invitations",
				Map.of("email", "not an address", "role", "developer"), "HX-Request", "true");
		assertThat(invalid.statusCode()).isEqualTo(422);
		Document form = fragment(invalid);
		assertThat(form.select("#invite-email").val()).isEqualTo("not an address");
		assertThat(form.select("#invite-email").attr("aria-invalid")).isEqualTo("true");
		assertThat(form.select("#invite-email ~ .field-error").text()).isEqualTo("Enter a valid e-mail address.");
		assertThat(form.select("#invite-role option[selected]").val()).isEqualTo("developer");

		HttpResponse<String> member = owner.post("/portal/members/invitations",
				Map.of("email", adminOfA.email(), "role", "viewer"), "HX-Request", "true");
		assertThat(member.statusCode()).isEqualTo(422);
		assertThat(fragment(member).select("#invite-email ~ .field-error").text()).isNotBlank();

		String invitee = "invitee-" + Ids.newId() + "@example.com";
		HttpResponse<String> sent = owner.post("/portal/members/invitations", Map.of("email", invitee, "role", "admin"),
				"HX-Request", "true");
		assertThat(sent.statusCode()).isEqualTo(200);
		Document invitations = fragment(sent);
		assertThat(invitations.select("#invitations .alert-success").text()).isEqualTo("The invitation was sent.");
		assertThat(invitations.select("#invitation-rows").text()).contains(invitee, "Admin");
		Invitation invitation = inScope(a, () -> identity.invitations(a, null, 100)).items()
			.stream()
			.filter(candidate -> candidate.email().equals(invitee))
			.findFirst()
			.orElseThrow();
		assertThat(invitations.select("#invitation-" + invitation.id() + " time").attr("datetime"))
			.isEqualTo(invitation.expiresAt().toString());

		HttpResponse<String> revoked = owner.post("/portal/members/invitations/" + invitation.id() + "/revocation",
				Map.of());
		assertThat(revoked.statusCode()).isEqualTo(302);
		Document page = owner.page("/portal/members");
		assertThat(page.select(".flashes .alert-success").text()).isEqualTo("The invitation was revoked.");
		assertThat(page.select("#invitation-" + invitation.id())).isEmpty();
		assertThat(inScope(a, () -> identity.invitations(a, null, 100)).items()
			.stream()
			.filter(candidate -> candidate.id().equals(invitation.id()))
			.findFirst()
			.orElseThrow()
			.status()).isEqualTo(InvitationStatus.REVOKED);

		// a plain post: the page with the problem and the input kept
		HttpResponse<String> plain = owner.post("/portal/members/invitations", Map.of("email", "", "role", "viewer"));
		assertThat(plain.statusCode()).isEqualTo(422);
		assertThat(html(plain).select("#invite-email ~ .field-error").text()).isNotBlank();
	}

	@Test
	void noIdReachesAnotherTenantsMembersOrInvitations() {
		Invitation foreignInvitation = inScope(b,
				() -> identity.invite(b, "foreign-" + Ids.newId() + "@example.com", TenantRole.VIEWER));
		String foreign = "/portal/members/" + memberOfB.id();

		HttpResponse<String> role = owner.post(foreign + "/role", Map.of("role", "viewer"));
		assertThat(role.statusCode()).isEqualTo(404);
		assertThat(html(role).select("#problem-code").text()).isEqualTo("member_not_found");
		assertThat(owner.post(foreign + "/role", Map.of("role", "viewer"), "HX-Request", "true").statusCode())
			.isEqualTo(404);
		assertThat(owner.post(foreign + "/disabling", Map.of()).statusCode()).isEqualTo(404);
		assertThat(owner.post(foreign + "/enabling", Map.of()).statusCode()).isEqualTo(404);
		assertThat(owner.get(foreign + "/removal").statusCode()).isEqualTo(404);
		assertThat(owner.post(foreign + "/removal", Map.of()).statusCode()).isEqualTo(404);
		assertThat(owner.post("/portal/members/not-a-uuid/disabling", Map.of()).statusCode()).isEqualTo(404);
		HttpResponse<String> invitation = owner
			.post("/portal/members/invitations/" + foreignInvitation.id() + "/revocation", Map.of());
		assertThat(invitation.statusCode()).isEqualTo(404);
		assertThat(html(invitation).select("#problem-code").text()).isEqualTo("invitation_not_found");

		// the tenant is the caller's, whatever the form says
		String smuggled = "smuggled-" + Ids.newId() + "@example.com";
		owner.post("/portal/members/invitations?tenantId=" + b,
				Map.of("email", smuggled, "role", "viewer", "tenantId", b.toString()));
		assertThat(inScope(b, () -> identity.invitations(b, null, 100)).items().stream().map(Invitation::email))
			.doesNotContain(smuggled);

		assertThat(inScope(b, () -> identity.member(b, memberOfB.id())).status()).isEqualTo(UserStatus.ACTIVE);
		assertThat(inScope(b, () -> identity.invitations(b, null, 100)).items()
			.stream()
			.filter(candidate -> candidate.id().equals(foreignInvitation.id()))
			.findFirst()
			.orElseThrow()
			.status()).isEqualTo(InvitationStatus.PENDING);
	}

	@Test
	void changesNeedTheAuthorityAndTheToken() {
		ConsoleClient reader = client(a, adminOfA, "users:read");
		Document page = reader.page("/portal/members");
		assertThat(page.select(".member-row")).isNotEmpty();
		assertThat(page.select("select.member-role, .member-remove, #invite-form")).isEmpty();
		HttpResponse<String> refused = reader.post("/portal/members/" + ownerOfA.id() + "/disabling", Map.of());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(html(refused).select("#problem-code").text()).isEqualTo("forbidden");
		assertThat(reader.post("/portal/members/invitations", Map.of("email", "x@example.com", "role", "viewer"))
			.statusCode()).isEqualTo(403);
		assertThat(reader.get("/portal/members/" + ownerOfA.id() + "/removal").statusCode()).isEqualTo(403);

		assertThat(client(a, adminOfA, "brands:read").get("/portal/members").statusCode()).isEqualTo(403);
		HttpResponse<String> operator = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=" + MANAGER)
			.get("/portal/members");
		assertThat(operator.statusCode()).isEqualTo(403);
		// operators are turned away by the portal's sign-in rule, with the friendly page
		assertThat(operator.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		ConsoleClient.assertSignInRequired(new ConsoleClient(port, null).get("/portal/members"));

		assertThat(owner.postWithoutToken("/portal/members/" + adminOfA.id() + "/disabling", Map.of()).statusCode())
			.isEqualTo(403);
		assertThat(inScope(a, () -> identity.member(a, adminOfA.id()).status())).isEqualTo(UserStatus.ACTIVE);
	}

	/** A swapped table row: parsed inside a table, as the browser does. */
	private static Document row(HttpResponse<String> response) {
		return Jsoup.parse("<table><tbody>" + response.body() + "</tbody></table>");
	}

	private ConsoleClient client(TenantId tenant, UserSummary user, String authorities) {
		return new ConsoleClient(port, "tenant=" + tenant + ";user=" + user.id() + ";authorities=" + authorities);
	}

	private UserSummary user(String prefix) {
		return identity.createUser(prefix + "-" + Ids.newId() + "@example.com", prefix, "pw-" + Ids.newId());
	}

	private void member(TenantId tenant, UserSummary user, TenantRole role) {
		TenantContext.run(TenantContext.Scope.tenant(tenant, "test"),
				() -> identity.addMember(tenant, user.id(), role));
	}

	private static <T> T inScope(TenantId id, Callable<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(id, "test"), work);
	}

	private static String slug(String prefix) {
		return prefix + "-" + Ids.newId().toString().substring(28);
	}

}
