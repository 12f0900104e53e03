package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.audit.AuditManagement;
import io.octavia.core.audit.AuditQuery;
import io.octavia.core.audit.AuditRecord;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.PlatformRole;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.octavia.core.console.ConsoleClient.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Support impersonation in the consoles over plain HTTP against the real servers: an
 * operator starts it from the users page with a reason, sees the tenant portal as the
 * user under a banner, cannot change anything as support staff, and is sent back to the
 * operator console when they end it or it expires; the tenant's audit log says who acted
 * as whom and why.
 */
@OctaviaIntegrationTest
class ImpersonationConsoleIntegrationTests {

	static final String REASON = "Ticket 815: members page looks empty to the customer";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	IdentityManagement identity;

	@Autowired
	AuditManagement audit;

	@Autowired
	JdbcClient jdbc;

	TenantId tenant;

	UserSummary owner;

	UserSummary colleague;

	UserSummary operatorAccount;

	@BeforeEach
	void tenantWithMembersAndAnOperator() {
		String suffix = Ids.newId().toString().substring(28);
		tenant = tenants.create(new CreateTenant("imp-" + suffix, "Imp " + suffix, "en", "UTC", "EUR")).id();
		owner = identity.createUser("imp-owner-" + suffix + "@example.com", "Olga Owner", "pw-" + Ids.newId());
		colleague = identity.createUser("imp-dev-" + suffix + "@example.com", "Dev Eloper", "pw-" + Ids.newId());
		operatorAccount = identity.createUser("imp-ops-" + suffix + "@example.com", "Sam Support", "pw-" + Ids.newId());
		TenantContext.run(TenantContext.Scope.tenant(tenant, "test"), () -> {
			identity.addMember(tenant, owner.id(), TenantRole.OWNER);
			identity.addMember(tenant, colleague.id(), TenantRole.DEVELOPER);
		});
	}

	@Test
	void supportActsAsTheUserReadOnlyUnderABannerUntilItEnds() {
		ConsoleClient support = operator(PlatformRole.SUPPORT);
		Document users = support.page("/admin/users?email=" + owner.email());
		assertThat(users.select("#impersonate-" + owner.id() + "-" + tenant)).hasSize(1);

		HttpResponse<String> started = start(support, REASON);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
		assertThat(started.headers().firstValue("Location").orElse("")).endsWith("/portal");

		for (String page : List.of("/portal", "/portal/members")) {
			Document portal = support.page(page);
			assertThat(portal.select("#impersonation-banner").text()).as(page)
				.contains("You are acting as Olga Owner on behalf of support; ends at");
			assertThat(portal.select("#impersonation-end")).hasSize(1);
		}
		assertThat(support.page("/portal/members").text()).contains(colleague.email());

		HttpResponse<String> write = support.post("/portal/members/" + colleague.id() + "/role",
				Map.of("role", "viewer"));
		assertThat(write.statusCode()).as("support staff only look").isEqualTo(403);
		assertThat(TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> identity.member(tenant, colleague.id()).role()))
			.isEqualTo(TenantRole.DEVELOPER);

		AuditRecord record = await().atMost(Duration.ofSeconds(20))
			.until(() -> tenantLog("impersonation.started"), found -> found.size() == 1)
			.getFirst();
		assertThat(record.after().get("reason").asString()).isEqualTo(REASON);
		assertThat(record.after().get("userId").asString()).isEqualTo(owner.id().toString());
		assertThat(record.actor().id()).contains(operatorAccount.id().toString());

		HttpResponse<String> ended = support.post("/admin/impersonations/end", Map.of());
		assertThat(ended.statusCode()).isEqualTo(302);
		assertThat(ended.headers().firstValue("Location").orElse("")).endsWith("/admin/users");
		assertThat(support.get("/portal").statusCode()).as("an operator again").isEqualTo(403);
		assertThat(support.page("/admin/users").select(".flashes").text())
			.contains("You ended the impersonation and are yourself again.");
		await().atMost(Duration.ofSeconds(20)).until(() -> tenantLog("impersonation.ended").size() == 1);
	}

	@Test
	void aPlatformAdminActsWithTheUsersPermissionsAndIsAttributed() {
		ConsoleClient admin = operator(PlatformRole.PLATFORM_ADMIN);
		assertThat(start(admin, REASON).statusCode()).isEqualTo(302);
		HttpResponse<String> write = admin.post("/portal/members/" + colleague.id() + "/role",
				Map.of("role", "viewer"));
		assertThat(write.statusCode()).as(write.body()).isEqualTo(302);
		AuditRecord change = await().atMost(Duration.ofSeconds(20))
			.until(() -> tenantLog("member.role_changed"), found -> found.size() == 1)
			.getFirst();
		assertThat(change.actor().id()).isEqualTo("support:" + operatorAccount.id() + " as user:" + owner.id());
	}

	@Test
	void atItsEndTimeTheNextRequestGoesBackToTheOperatorConsole() {
		ConsoleClient support = operator(PlatformRole.SUPPORT);
		assertThat(start(support, REASON).statusCode()).isEqualTo(302);
		assertThat(support.page("/portal").select("#impersonation-banner")).hasSize(1);
		expireAll();

		HttpResponse<String> expired = support.get("/portal/members");
		assertThat(expired.statusCode()).isEqualTo(302);
		assertThat(expired.headers().firstValue("Location").orElse("")).endsWith("/admin/impersonations/over");
		HttpResponse<String> over = support.get("/admin/impersonations/over");
		assertThat(over.headers().firstValue("Location").orElse("")).endsWith("/admin/users");
		assertThat(support.page("/admin/users").select(".flashes").text())
			.contains("The impersonation is over; you are back in the operator console.");
		assertThat(support.get("/portal").statusCode()).isEqualTo(403);

		assertThat(start(support, REASON).statusCode()).isEqualTo(302);
		expireAll();
		HttpResponse<String> htmx = support.htmx("/portal/members", "#members");
		assertThat(htmx.headers().firstValue("HX-Redirect")).as("htmx follows to the operator console")
			.hasValue("/admin/impersonations/over");
	}

	@Test
	void operatorsSeeTheImpersonationsGoingOnAndEndOneAtOnce() {
		ConsoleClient support = operator(PlatformRole.SUPPORT);
		assertThat(start(support, REASON).statusCode()).isEqualTo(302);
		assertThat(support.page("/portal").select("#impersonation-banner")).hasSize(1);

		ConsoleClient admin = operator(PlatformRole.PLATFORM_ADMIN);
		Document list = admin.page("/admin/impersonations");
		UUID id = jdbc.sql("SELECT impersonation_id FROM impersonation WHERE operator_id = ? AND ended_at IS NULL")
			.param(operatorAccount.id().value())
			.query(UUID.class)
			.single();
		var row = list.select("#impersonation-" + id);
		assertThat(row.select(".impersonation-operator").text()).isEqualTo(operatorAccount.email());
		assertThat(row.select(".impersonation-user").text()).isEqualTo("Olga Owner");
		assertThat(row.select(".impersonation-tenant").text()).startsWith("Imp ");
		assertThat(row.select(".impersonation-reason").text()).isEqualTo(REASON);
		assertThat(row.select("form").attr("hx-confirm"))
			.isEqualTo("End the impersonation of Olga Owner by " + operatorAccount.email() + " now?");

		// hostile: an id that is none, and an operator without the permission
		assertThat(admin.post("/admin/impersonations/not-an-id/end", Map.of()).statusCode()).isEqualTo(404);
		assertThat(operator(PlatformRole.FINANCE).get("/admin/impersonations").statusCode()).isEqualTo(403);
		assertThat(operator(PlatformRole.FINANCE).post("/admin/impersonations/" + id + "/end", Map.of()).statusCode())
			.isEqualTo(403);

		HttpResponse<String> ended = admin.post("/admin/impersonations/" + id + "/end", Map.of(), "HX-Request", "true");
		assertThat(ended.statusCode()).isEqualTo(200);
		Document section = ConsoleClient.fragment(ended);
		assertThat(section.select("#impersonation-ended").text())
			.isEqualTo("The impersonation of Olga Owner was ended.");
		assertThat(section.select("#impersonation-" + id)).isEmpty();
		// the impersonating operator's next request goes back to the operator console
		HttpResponse<String> next = support.get("/portal/members");
		assertThat(next.headers().firstValue("Location").orElse("")).endsWith("/admin/impersonations/over");
	}

	@Test
	void aReasonIsRequiredAndOnlyOperatorsMayImpersonate() {
		ConsoleClient support = operator(PlatformRole.SUPPORT);
		HttpResponse<String> refused = start(support, "too short");
		assertThat(refused.statusCode()).isEqualTo(302);
		String back = refused.headers().firstValue("Location").orElse("");
		assertThat(back).contains("/admin/users?email=");
		assertThat(support.page(back.substring(back.indexOf("/admin/"))).select(".flashes").text())
			.contains("Give a reason of 10 to 500 characters");
		assertThat(support.get("/portal").statusCode()).isEqualTo(403);

		ConsoleClient finance = operator(PlatformRole.FINANCE);
		assertThat(start(finance, REASON).statusCode()).isEqualTo(403);

		ConsoleClient tenantOwner = new ConsoleClient(port, "tenant=" + tenant + ";user=" + owner.id() + ";authorities="
				+ String.join(",", RolePermissions.of(TenantRole.OWNER)) + ",users:impersonate");
		assertThat(start(tenantOwner, REASON).statusCode()).isEqualTo(403);
		assertThat(jdbc.sql("SELECT count(*) FROM impersonation WHERE target_tenant_id = ?")
			.param(tenant.value())
			.query(Long.class)
			.single()).isZero();
	}

	private ConsoleClient operator(PlatformRole role) {
		Set<String> authorities = new TreeSet<>(RolePermissions.of(role));
		authorities.add(RolePermissions.USERS_READ);
		return new ConsoleClient(port,
				"user=" + operatorAccount.id() + ";authorities=" + String.join(",", authorities));
	}

	private HttpResponse<String> start(ConsoleClient client, String reason) {
		return client.post("/admin/impersonations", Map.of("userId", owner.id(), "tenantId", tenant, "reason", reason,
				"minutes", 15, "email", owner.email()));
	}

	private void expireAll() {
		jdbc.sql("UPDATE impersonation SET started_at = started_at - interval '1 hour', "
				+ "ends_at = now() - interval '1 second' WHERE operator_id = ? AND ended_at IS NULL")
			.param(operatorAccount.id().value())
			.update();
	}

	private List<AuditRecord> tenantLog(String action) {
		AuditQuery query = new AuditQuery(null, null, action, null, null, null, null, null, AuditQuery.MAX_LIMIT);
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> audit.find(tenant, query).records());
	}

}
