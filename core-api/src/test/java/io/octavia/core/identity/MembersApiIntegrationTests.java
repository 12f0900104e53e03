package io.octavia.core.identity;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static io.octavia.core.api.ApiTestSupport.fieldErrors;
import static io.octavia.core.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant's members over the API: roles, removal, disabling, the last owner, isolation.
 */
class MembersApiIntegrationTests extends IdentityTestSupport {

	static final String MANAGE = "users:read,users:manage";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	TenantId tenant;

	UserSummary owner;

	String ownerCredential;

	@BeforeEach
	void tenantWithAnOwner() {
		tenant = api().activeTenant("Members");
		owner = user("owner", password());
		member(tenant, owner, TenantRole.OWNER);
		ownerCredential = caller(tenant, owner, MANAGE);
	}

	@Test
	void listsFiltersAndPagesTheMembers() {
		UserSummary developer = user("dev", password());
		UserSummary viewer = user("viewer", password());
		member(tenant, developer, TenantRole.DEVELOPER);
		member(tenant, viewer, TenantRole.VIEWER);

		HttpResponse<String> firstPage = api().get("/api/v1/users?limit=2", ownerCredential);
		assertThat(firstPage.statusCode()).isEqualTo(200);
		assertThat(json(firstPage).get("items")).hasSize(2);
		String cursor = json(firstPage).get("nextCursor").asString();
		HttpResponse<String> secondPage = api().get("/api/v1/users?limit=2&cursor=" + cursor, ownerCredential);
		assertThat(json(secondPage).get("items")).hasSize(1);
		assertThat(json(secondPage).get("items").get(0).get("email").asString()).isEqualTo(viewer.email());
		assertThat(json(secondPage).path("nextCursor").isNull() || json(secondPage).path("nextCursor").isMissingNode())
			.isTrue();

		HttpResponse<String> developers = api().get("/api/v1/users?role=developer", ownerCredential);
		assertThat(json(developers).get("items")).hasSize(1);
		assertThat(json(developers).get("items").get(0).get("userId").asString()).isEqualTo(developer.id().toString());

		HttpResponse<String> readOnly = api().get("/api/v1/users", caller(tenant, viewer, "users:read"));
		assertThat(readOnly.statusCode()).isEqualTo(200);
		HttpResponse<String> notAllowed = api().patch("/api/v1/users/" + developer.id(),
				caller(tenant, viewer, "users:read"), "{\"role\":\"admin\"}");
		assertThat(notAllowed.statusCode()).isEqualTo(403);
	}

	@Test
	void changesRolesDisablesAndRemovesMembers() {
		UserSummary developer = user("dev", password());
		member(tenant, developer, TenantRole.DEVELOPER);

		HttpResponse<String> promoted = api().patch("/api/v1/users/" + developer.id(), ownerCredential,
				"{\"role\":\"admin\"}");
		assertThat(promoted.statusCode()).isEqualTo(200);
		assertThat(json(promoted).get("role").asString()).isEqualTo("admin");

		HttpResponse<String> disabled = api().post("/api/v1/users/" + developer.id() + "/disable", ownerCredential, "");
		assertThat(json(disabled).get("status").asString()).isEqualTo("disabled");
		assertThat(identity.membershipsOf(developer.id())).as("a disabled membership grants nothing").isEmpty();
		assertThat(TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> identity.membership(tenant, developer.id())))
			.isEmpty();
		HttpResponse<String> enabled = api().post("/api/v1/users/" + developer.id() + "/enable", ownerCredential, "");
		assertThat(json(enabled).get("status").asString()).isEqualTo("active");

		assertThat(api().delete("/api/v1/users/" + developer.id(), ownerCredential).statusCode()).isEqualTo(204);
		assertThat(api().get("/api/v1/users/" + developer.id(), ownerCredential).statusCode()).isEqualTo(404);
		assertThat(identity.find(developer.id())).as("the account stays").isPresent();

		// every change is in the tenant's audit log
		await().untilAsserted(() -> assertThat(auditActions(developer)).contains("member.role_changed",
				"member.disabled", "member.enabled", "member.removed"));
	}

	private List<String> auditActions(UserSummary target) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> transactions.execute(status -> jdbc.queryForList(
						"SELECT action FROM audit_record WHERE tenant_id = ? AND target_id = ?", String.class,
						tenant.value(), target.id().toString())));
	}

	@Test
	void theLastOwnerCannotBeDemotedRemovedOrDisabled() {
		for (HttpResponse<String> response : List.of(
				api().patch("/api/v1/users/" + owner.id(), ownerCredential, "{\"role\":\"admin\"}"),
				api().delete("/api/v1/users/" + owner.id(), ownerCredential),
				api().post("/api/v1/users/" + owner.id() + "/disable", ownerCredential, ""))) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
			assertThat(json(response).get("code").asString()).isEqualTo("last_owner");
		}
		UserSummary second = user("second-owner", password());
		member(tenant, second, TenantRole.ADMIN);
		assertThat(api().patch("/api/v1/users/" + second.id(), ownerCredential, "{\"role\":\"owner\"}").statusCode())
			.isEqualTo(200);
		assertThat(api().patch("/api/v1/users/" + owner.id(), ownerCredential, "{\"role\":\"admin\"}").statusCode())
			.isEqualTo(200);
	}

	@Test
	void anAdminCannotMakeOrUnmakeOwners() {
		UserSummary admin = user("admin", password());
		member(tenant, admin, TenantRole.ADMIN);
		HttpResponse<String> response = api().patch("/api/v1/users/" + admin.id(), caller(tenant, admin, MANAGE),
				"{\"role\":\"owner\"}");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(json(response).get("code").asString()).isEqualTo("owner_required");
		assertThat(api().delete("/api/v1/users/" + owner.id(), caller(tenant, admin, MANAGE)).statusCode())
			.isEqualTo(403);
	}

	@Test
	void ofTwoConcurrentDemotionsOfTheLastTwoOwnersOneWins() throws Exception {
		UserSummary second = user("second-owner", password());
		member(tenant, second, TenantRole.OWNER);
		CyclicBarrier start = new CyclicBarrier(2);
		List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
		try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
			List<Future<?>> demotions = new ArrayList<>();
			for (UserSummary demoted : List.of(owner, second)) {
				demotions.add(threads.submit(() -> {
					start.await();
					// an operator's audited scope: the owner check does not apply, the
					// lock does
					TenantContext.run(new TenantContext.Scope(tenant, null, null, "system:test", "concurrency test"),
							() -> {
								try {
									identity.changeRole(tenant, demoted.id(), TenantRole.ADMIN);
									outcomes.add("demoted");
								}
								catch (DomainProblem problem) {
									outcomes.add(problem.code());
								}
							});
					return null;
				}));
			}
			for (Future<?> demotion : demotions) {
				demotion.get();
			}
		}
		assertThat(outcomes).containsExactlyInAnyOrder("demoted", "last_owner");
		HttpResponse<String> owners = api().get("/api/v1/users?role=owner", ownerCredential);
		assertThat(json(owners).get("items")).hasSize(1);
	}

	@Test
	void anotherTenantsMembersAreNotFoundAndRowLevelSecurityHidesThem() {
		TenantId other = api().activeTenant("Other");
		UserSummary otherOwner = user("other-owner", password());
		member(other, otherOwner, TenantRole.OWNER);

		assertThat(json(api().get("/api/v1/users", ownerCredential)).get("items")).hasSize(1);
		for (HttpResponse<String> response : List.of(api().get("/api/v1/users/" + otherOwner.id(), ownerCredential),
				api().patch("/api/v1/users/" + otherOwner.id(), ownerCredential, "{\"role\":\"viewer\"}"),
				api().delete("/api/v1/users/" + otherOwner.id(), ownerCredential),
				api().post("/api/v1/users/" + otherOwner.id() + "/disable", ownerCredential, ""))) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
			assertThat(json(response).get("code").asString()).isEqualTo("member_not_found");
		}
		Long visible = TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> transactions.execute(status -> jdbc
					.queryForObject("SELECT count(*) FROM membership WHERE tenant_id = ?", Long.class, other.value())));
		assertThat(visible).isZero();
		assertThat(identity.membershipsOf(otherOwner.id())).extracting(Membership::role)
			.containsExactly(TenantRole.OWNER);
	}

	@Test
	void malformedJsonAndUnknownRolesAreBadRequests() {
		HttpResponse<String> malformed = api().patch("/api/v1/users/" + owner.id(), ownerCredential, "{\"role\":");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(json(malformed).get("code").asString()).isEqualTo("malformed_json");

		HttpResponse<String> unknownRole = api().post("/api/v1/invitations", ownerCredential,
				ApiTestSupport.json(Map.of("email", email("x"), "role", "superuser")));
		assertThat(unknownRole.statusCode()).isEqualTo(400);
		assertThat(fieldErrors(unknownRole)).containsKey("role");

		HttpResponse<String> badFilter = api().get("/api/v1/users?role=root", ownerCredential);
		assertThat(badFilter.statusCode()).isEqualTo(400);
		assertThat(fieldErrors(badFilter)).containsKey("role");
	}

}
