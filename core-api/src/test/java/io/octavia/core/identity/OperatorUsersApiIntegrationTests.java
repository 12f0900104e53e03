package io.octavia.core.identity;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;

import static io.octavia.core.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Operators find accounts across tenants and disable them everywhere. */
class OperatorUsersApiIntegrationTests extends IdentityTestSupport {

	@Test
	void findsAnAccountWithItsMembershipsAndDisablesIt() {
		String password = password();
		UserSummary user = user("findme", password);
		TenantId first = api().activeTenant("First");
		TenantId second = api().activeTenant("Second");
		member(first, user, TenantRole.OWNER);
		member(second, user, TenantRole.VIEWER);
		String operator = "user=" + Ids.newId() + ";authorities=users:read,users:manage";

		HttpResponse<String> found = api().get("/api/v1/operator/users?email=" + user.email(), operator);
		assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
		assertThat(json(found)).hasSize(1);
		assertThat(json(found).get(0).get("memberships")).hasSize(2);

		HttpResponse<String> disabled = api().post("/api/v1/operator/users/" + user.id() + "/disable", operator, "");
		assertThat(json(disabled).get("status").asString()).isEqualTo("disabled");
		assertThat(catchThrowableOfType(DomainProblem.class,
				() -> identity.authenticate(user.email(), password, "192.0.2.50"))
			.code()).isEqualTo("account_disabled");
		assertThat(api().post("/api/v1/operator/users/" + user.id() + "/enable", operator, "").statusCode())
			.isEqualTo(200);

		assertThat(api()
			.get("/api/v1/operator/users?email=x",
					"tenant=" + first + ";user=" + user.id() + ";authorities=users:read,users:manage")
			.statusCode()).as("a tenant's caller").isEqualTo(403);
		assertThat(api().post("/api/v1/operator/users/" + Ids.newId() + "/disable", operator, "").statusCode())
			.isEqualTo(404);
	}

}
