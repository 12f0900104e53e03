package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.identity.IdentityManagement;
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
 * The tenant portal's security policy page over plain HTTP against the real servers: the
 * tenant requires two-factor sign-in and lifts it again, only for itself.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalSecurityConsoleIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	IdentityManagement identity;

	TenantId a;

	TenantId b;

	@BeforeAll
	void twoTenants() {
		a = tenants
			.create(new CreateTenant("policy-a-" + Ids.newId().toString().substring(28), "Policy A", "en", "UTC",
					"EUR"))
			.id();
		b = tenants
			.create(new CreateTenant("policy-b-" + Ids.newId().toString().substring(28), "Policy B", "en", "UTC",
					"EUR"))
			.id();
	}

	@Test
	void theTenantRequiresTwoFactorSignInAndLiftsItAgain() {
		ConsoleClient owner = new ConsoleClient(port,
				"tenant=" + a + ";user=" + Ids.newId() + ";authorities=tenant:write");
		assertThat(owner.page("/portal/security").select("#policy-mfa-required").hasAttr("checked")).isFalse();

		HttpResponse<String> required = owner.post("/portal/security?tenant=" + b,
				Map.of("mfaRequired", "true", "tenantId", b.toString()), "HX-Request", "true");
		assertThat(required.statusCode()).isEqualTo(200);
		assertThat(fragment(required).select("#policy-form .alert-success").text())
			.isEqualTo("The sign-in policy was saved.");
		assertThat(fragment(required).select("#policy-mfa-required").hasAttr("checked")).isTrue();
		assertThat(inScope(a, () -> identity.mfaRequired(a))).isTrue();
		assertThat(inScope(b, () -> identity.mfaRequired(b))).as("only the caller's tenant").isFalse();

		HttpResponse<String> lifted = owner.post("/portal/security", Map.of());
		assertThat(lifted.statusCode()).isEqualTo(302);
		assertThat(owner.page("/portal/security").select(".flashes .alert-success").text())
			.isEqualTo("The sign-in policy was saved.");
		assertThat(inScope(a, () -> identity.mfaRequired(a))).isFalse();
	}

	@Test
	void thePageNeedsTenantWrite() {
		ConsoleClient reader = new ConsoleClient(port,
				"tenant=" + a + ";user=" + Ids.newId() + ";authorities=tenant:read,users:manage");
		HttpResponse<String> page = reader.get("/portal/security");
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(html(page).select("#problem-code").text()).isEqualTo("forbidden");
		assertThat(reader.post("/portal/security", Map.of("mfaRequired", "true")).statusCode()).isEqualTo(403);
		assertThat(new ConsoleClient(port, "tenant=" + a + ";user=" + Ids.newId() + ";authorities=tenant:write")
			.postWithoutToken("/portal/security", Map.of("mfaRequired", "true"))
			.statusCode()).isEqualTo(403);
		assertThat(inScope(a, () -> identity.mfaRequired(a))).isFalse();
	}

	private static <T> T inScope(TenantId id, Callable<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(id, "test"), work);
	}

}
