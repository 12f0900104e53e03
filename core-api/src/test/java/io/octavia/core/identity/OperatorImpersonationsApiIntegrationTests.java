package io.octavia.core.identity;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.audit.AuditManagement;
import io.octavia.core.audit.AuditQuery;
import io.octavia.core.audit.AuditRecord;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static io.octavia.core.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operators start, list and end support impersonations over the API: the reason and the
 * duration are checked, both audit logs record who acted as whom and why, and only
 * operators holding {@code users:impersonate} get in.
 */
class OperatorImpersonationsApiIntegrationTests extends IdentityTestSupport {

	static final String PATH = "/api/v1/operator/impersonations";

	static final String REASON = "Ticket 4711: the customer cannot see last month's invoice";

	@Autowired
	AuditManagement audit;

	@Autowired
	ImpersonationManagement impersonations;

	UserSummary operatorAccount;

	String operator;

	UserSummary user;

	TenantId tenant;

	@BeforeEach
	void memberAndOperator() {
		operatorAccount = user("support", password());
		operator = "user=" + operatorAccount.id() + ";authorities=users:impersonate,tenants:read,users:read";
		user = user("customer", password());
		tenant = api().activeTenant("Impersonated");
		member(tenant, user, TenantRole.OWNER);
	}

	@Test
	void startingIsRecordedInThePlatformsAndTheTenantsLogAndEndingStopsIt() {
		HttpResponse<String> started = api().post(PATH, operator, body(user.id().toString(), tenant, REASON, 30));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		JsonNode impersonation = json(started);
		String id = impersonation.get("id").asString();
		assertThat(started.headers().firstValue("Location")).hasValue(PATH + "/" + id);
		assertThat(impersonation.get("active").asBoolean()).isTrue();
		assertThat(impersonation.get("operatorId").asString()).isEqualTo(operatorAccount.id().toString());
		assertThat(impersonation.get("reason").asString()).isEqualTo(REASON);
		assertThat(Duration.between(java.time.Instant.parse(impersonation.get("startedAt").asString()),
				java.time.Instant.parse(impersonation.get("endsAt").asString())))
			.isEqualTo(Duration.ofMinutes(30));

		HttpResponse<String> recent = api().get(PATH, operator);
		assertThat(recent.statusCode()).isEqualTo(200);
		assertThat(json(recent).valueStream().map(node -> node.get("id").asString())).contains(id);

		for (TenantId log : List.of(AuditManagement.PLATFORM, tenant)) {
			AuditRecord record = await().atMost(Duration.ofSeconds(20))
				.until(() -> records(log, "impersonation.started", id), found -> found.size() == 1)
				.getFirst();
			assertThat(record.actor().id()).as("the operator").contains(operatorAccount.id().toString());
			assertThat(record.after().get("reason").asString()).isEqualTo(REASON);
			assertThat(record.after().get("userId").asString()).isEqualTo(user.id().toString());
			assertThat(record.after().get("operatorId").asString()).isEqualTo(operatorAccount.id().toString());
			assertThat(record.after().get("tenantId").asString()).isEqualTo(tenant.toString());
		}

		HttpResponse<String> ended = api().delete(PATH + "/" + id, operator);
		assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
		assertThat(json(ended).get("active").asBoolean()).isFalse();
		assertThat(json(ended).get("endedAt").isNull()).isFalse();
		assertThat(impersonations.active(UUID.fromString(id), operatorAccount.id())).isEmpty();
		await().atMost(Duration.ofSeconds(20)).until(() -> records(tenant, "impersonation.ended", id).size() == 1);
		assertThat(api().delete(PATH + "/" + id, operator).statusCode()).as("ending twice changes nothing")
			.isEqualTo(200);
		assertThat(api().delete(PATH + "/" + Ids.newId(), operator).statusCode()).isEqualTo(404);
	}

	@Test
	void itEndsByItselfAtItsEndTime() {
		HttpResponse<String> started = api().post(PATH, operator, body(user.id().toString(), tenant, REASON, 1));
		UUID id = UUID.fromString(json(started).get("id").asString());
		assertThat(impersonations.active(id, operatorAccount.id())).isPresent();
		assertThat(impersonations.active(id, user.id())).as("only the operator's own").isEmpty();
		clock.advance(Duration.ofMinutes(2));
		assertThat(impersonations.active(id, operatorAccount.id())).isEmpty();
	}

	@Test
	void aReasonAndAnHourAtMostAreRequired() {
		String member = user.id().toString();
		assertProblem(api().post(PATH, operator, body(member, tenant, null, 15)), 400, "impersonation_reason_required");
		assertProblem(api().post(PATH, operator, body(member, tenant, "   short  ", 15)), 400,
				"impersonation_reason_required");
		assertProblem(api().post(PATH, operator, body(member, tenant, "x".repeat(501), 15)), 400,
				"impersonation_reason_required");
		assertProblem(api().post(PATH, operator, body(member, tenant, REASON, 61)), 400, "impersonation_too_long");
		assertProblem(api().post(PATH, operator, body(member, tenant, REASON, 0)), 400, "impersonation_too_long");
		assertProblem(
				api().post(PATH, operator, body(user("stranger", password()).id().toString(), tenant, REASON, 15)), 404,
				"member_not_found");
		assertProblem(api().post(PATH, operator, body(operatorAccount.id().toString(), tenant, REASON, 15)), 404,
				"member_not_found");
		assertThat(impersonations.recent(50)).noneMatch(found -> found.tenantId().equals(tenant));
	}

	@Test
	void onlyOperatorsHoldingTheImpersonatePermissionGetIn() {
		String body = body(user.id().toString(), tenant, REASON, 15);
		String tenantOwner = caller(tenant, user, String.join(",", RolePermissions.of(TenantRole.OWNER)));
		assertThat(api().post(PATH, tenantOwner, body).statusCode()).isEqualTo(403);
		assertThat(api().post(PATH, tenantOwner + ",users:impersonate", body).statusCode())
			.as("a tenant's caller, whatever it claims")
			.isEqualTo(403);
		String finance = "user=" + operatorAccount.id() + ";authorities=tenants:read,billing:read,users:read";
		assertThat(api().post(PATH, finance, body).statusCode()).isEqualTo(403);
		assertThat(api().get(PATH, finance).statusCode()).isEqualTo(403);
		assertThat(api().delete(PATH + "/" + Ids.newId(), finance).statusCode()).isEqualTo(403);
	}

	private List<AuditRecord> records(TenantId log, String action, String id) {
		AuditQuery query = new AuditQuery(null, null, action, "impersonation", id, null, null, null,
				AuditQuery.MAX_LIMIT);
		if (log.equals(AuditManagement.PLATFORM)) {
			return audit.find(log, query).records();
		}
		return TenantContext.call(TenantContext.Scope.tenant(log, "test"), () -> audit.find(log, query).records());
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(json(response).get("code").asString()).isEqualTo(code);
	}

	private static String body(String user, TenantId tenant, String reason, int minutes) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("userId", user);
		body.put("tenantId", tenant.toString());
		if (reason != null) {
			body.put("reason", reason);
		}
		body.put("minutes", minutes);
		return io.octavia.core.api.ApiTestSupport.json(body);
	}

}
