package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.identity.IdentityManagement;
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
 * The operator console's users page over plain HTTP against the real servers: searching
 * accounts across tenants with their memberships (through the audited cross-tenant path),
 * disabling and enabling an account after confirmation, and the refusals.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminUsersConsoleIntegrationTests {

	static final String SUPPORT = "users:read";

	static final String ADMIN = "users:read,users:manage";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	IdentityManagement identity;

	String prefix;

	UserSummary both;

	UserSummary loner;

	TenantId a;

	TenantId b;

	@BeforeAll
	void accountsInTwoTenants() {
		prefix = "ops-" + Ids.newId().toString().substring(0, 8);
		a = tenants
			.create(new CreateTenant("ops-a-" + Ids.newId().toString().substring(28), "Ops A", "en", "UTC", "EUR"))
			.id();
		b = tenants
			.create(new CreateTenant("ops-b-" + Ids.newId().toString().substring(28), "Ops B", "en", "UTC", "EUR"))
			.id();
		both = identity.createUser(prefix + "-both@example.com", "Both", "pw-" + Ids.newId());
		loner = identity.createUser(prefix + "-loner@example.com", "Loner", "pw-" + Ids.newId());
		member(a, both, TenantRole.OWNER);
		member(b, both, TenantRole.VIEWER);
	}

	@Test
	void operatorsFindAccountsWithTheirMembershipsInEveryTenant() {
		ConsoleClient operator = operator(SUPPORT);
		Document start = operator.page("/admin/users");
		assertThat(start.select("#nav-users").attr("aria-current")).isEqualTo("page");
		assertThat(start.select("#user-rows")).isEmpty();

		Document found = operator.page("/admin/users?email=" + prefix.toUpperCase());
		assertThat(found.select(".user-row").eachAttr("id")).containsExactly("user-" + both.id(), "user-" + loner.id());
		assertThat(found.select("#user-" + both.id() + " .membership").eachText())
			.containsExactlyInAnyOrder("Ops A Owner Active", "Ops B Viewer Active");
		assertThat(found.select("#user-" + loner.id() + " .memberships")).isEmpty();
		assertThat(found.select(".user-action")).as("reading only").isEmpty();

		HttpResponse<String> typed = operator.htmx("/admin/users?email=" + prefix + "-lo", "user-results");
		assertThat(typed.statusCode()).isEqualTo(200);
		assertThat(fragment(typed).select(".user-row").eachAttr("id")).containsExactly("user-" + loner.id());
		assertThat(fragment(typed).select("#user-results")).hasSize(1);

		assertThat(operator.page("/admin/users?email=nobody-" + Ids.newId()).select(".empty-state-title").text())
			.isEqualTo("No accounts found");
	}

	@Test
	void anAccountIsDisabledAndEnabledAfterConfirmation() {
		UserSummary target = identity.createUser("target-" + Ids.newId() + "@example.com", "Target",
				"pw-" + Ids.newId());
		member(a, target, TenantRole.DEVELOPER);
		ConsoleClient operator = operator(ADMIN);
		String path = "/admin/users/" + target.id();

		Document found = operator.page("/admin/users?email=" + target.email());
		assertThat(found.select("#user-actions-" + target.id() + " .user-action").attr("href"))
			.isEqualTo(path + "/confirmation?action=disable");
		HttpResponse<String> question = operator.htmx(path + "/confirmation?action=disable",
				"user-actions-" + target.id());
		assertThat(question.statusCode()).isEqualTo(200);
		assertThat(fragment(question).select(".user-confirmation-form").attr("action")).isEqualTo(path + "/disabling");
		assertThat(fragment(question).text()).contains(target.email());
		assertThat(operator.page(path + "/confirmation?action=disable").select("#user-confirmation").text())
			.contains(target.email());
		assertThat(operator.get(path + "/confirmation?action=enable").statusCode()).as("not offered while active")
			.isEqualTo(404);
		assertThat(identity.find(target.id()).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);

		HttpResponse<String> disabled = operator.post(path + "/disabling", Map.of());
		assertThat(disabled.statusCode()).isEqualTo(302);
		String location = disabled.headers().firstValue("Location").orElseThrow();
		assertThat(location).contains("/admin/users?email=");
		assertThat(identity.find(target.id()).orElseThrow().status()).isEqualTo(UserStatus.DISABLED);
		Document after = operator.page(location.substring(location.indexOf("/admin")));
		assertThat(after.select(".flashes .alert-success").text())
			.isEqualTo("The account " + target.email() + " was disabled.");
		assertThat(after.select("#user-" + target.id() + " .user-status").text()).isEqualTo("Disabled");

		assertThat(operator.post(path + "/enabling", Map.of()).statusCode()).isEqualTo(302);
		assertThat(identity.find(target.id()).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
	}

	@Test
	void theRefusals() {
		ConsoleClient support = operator(SUPPORT);
		HttpResponse<String> refused = support.post("/admin/users/" + loner.id() + "/disabling", Map.of());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(html(refused).select("#problem-code").text()).isEqualTo("forbidden");
		assertThat(support.get("/admin/users/" + loner.id() + "/confirmation?action=disable").statusCode())
			.isEqualTo(403);

		HttpResponse<String> tenantUser = new ConsoleClient(port,
				"tenant=" + a + ";user=" + both.id() + ";authorities=" + ADMIN)
			.get("/admin/users?email=" + prefix);
		assertThat(tenantUser.statusCode()).as("a tenant's user is no operator").isEqualTo(403);
		assertThat(tenantUser.body()).doesNotContain(loner.email());
		assertThat(new ConsoleClient(port, "tenant=" + a + ";user=" + both.id() + ";authorities=" + ADMIN)
			.post("/admin/users/" + loner.id() + "/disabling", Map.of())
			.statusCode()).isEqualTo(403);
		assertThat(operator(SUPPORT.replace("users:read", "tenants:read")).get("/admin/users").statusCode())
			.isEqualTo(403);
		ConsoleClient.assertSignInRequired(new ConsoleClient(port, null).get("/admin/users"));

		ConsoleClient admin = operator(ADMIN);
		HttpResponse<String> unknown = admin.post("/admin/users/" + Ids.newId() + "/disabling", Map.of());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(html(unknown).select("#problem-code").text()).isEqualTo("user_not_found");
		assertThat(admin.post("/admin/users/not-a-uuid/disabling", Map.of()).statusCode()).isEqualTo(404);
		assertThat(admin.get("/admin/users/" + loner.id() + "/confirmation?action=explode").statusCode())
			.isEqualTo(404);
		assertThat(admin.postWithoutToken("/admin/users/" + loner.id() + "/disabling", Map.of()).statusCode())
			.isEqualTo(403);
		assertThat(identity.find(loner.id()).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
	}

	private ConsoleClient operator(String authorities) {
		return new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=" + authorities);
	}

	private void member(TenantId tenant, UserSummary user, TenantRole role) {
		TenantContext.run(TenantContext.Scope.tenant(tenant, "test"),
				() -> identity.addMember(tenant, user.id(), role));
	}

}
