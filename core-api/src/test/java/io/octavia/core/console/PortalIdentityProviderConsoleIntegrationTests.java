package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.identity.IdentityProvider;
import io.octavia.core.identity.IdentityProviderManagement;
import io.octavia.core.identity.TenantRole;
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
 * The tenant portal's identity provider page over plain HTTP against the real servers:
 * configured, changed without repeating the secret, refused field by field, removed; only
 * for the caller's own tenant, and never showing the secret.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalIdentityProviderConsoleIntegrationTests {

	static final String SECRET = "portal-secret-never-shown";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	IdentityProviderManagement providers;

	TenantId a;

	TenantId b;

	@BeforeAll
	void twoTenants() {
		a = tenants
			.create(new CreateTenant("idp-a-" + Ids.newId().toString().substring(28), "IdP A", "en", "UTC", "EUR"))
			.id();
		b = tenants
			.create(new CreateTenant("idp-b-" + Ids.newId().toString().substring(28), "IdP B", "en", "UTC", "EUR"))
			.id();
	}

	@Test
	void theTenantConfiguresChangesAndRemovesItsProvider() {
		ConsoleClient owner = new ConsoleClient(port,
				"tenant=" + a + ";user=" + Ids.newId() + ";authorities=tenant:read,tenant:write");
		Document empty = owner.page("/portal/identity-provider");
		assertThat(empty.select("#provider-state").text())
			.isEqualTo("No external identity provider is configured yet.");
		assertThat(empty.select("#provider-remove")).isEmpty();

		HttpResponse<String> saved = owner.post("/portal/identity-provider?tenantId=" + b,
				form("https://login.example.com", SECRET), "HX-Request", "true");
		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(fragment(saved).select("#provider-form .alert-success").text())
			.isEqualTo("The identity provider was saved.");
		assertThat(saved.body()).doesNotContain(SECRET);
		assertThat(inScope(a).orElseThrow().jitRole()).isEqualTo(TenantRole.BILLING);
		assertThat(inScope(a).orElseThrow().allowedDomains()).containsExactly("a.example.com", "b.example.com");
		assertThat(inScope(b)).as("only the caller's tenant").isEmpty();

		// the secret field stays empty: the stored secret is kept
		HttpResponse<String> changed = owner.post("/portal/identity-provider", form("https://sso.example.com", ""));
		assertThat(changed.statusCode()).isEqualTo(302);
		Document page = owner.page("/portal/identity-provider");
		assertThat(page.select(".flashes .alert-success").text()).isEqualTo("The identity provider was saved.");
		assertThat(page.select("#provider-issuer").val()).isEqualTo("https://sso.example.com");
		assertThat(page.select("#provider-client-secret").val()).isEmpty();
		assertThat(page.html()).doesNotContain(SECRET);
		assertThat(providers.forSignIn(a).orElseThrow().clientSecret()).isEqualTo(SECRET);

		HttpResponse<String> refused = owner.post("/portal/identity-provider",
				form("http://sso.example.com", "another-secret"), "HX-Request", "true");
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(fragment(refused).select("#provider-issuer + .field-help + .field-error").text())
			.startsWith("Enter the issuer as an https:// address");
		assertThat(refused.body()).doesNotContain("another-secret");
		assertThat(providers.forSignIn(a).orElseThrow().clientSecret()).isEqualTo(SECRET);

		assertThat(owner.post("/portal/identity-provider/remove", Map.of()).statusCode()).isEqualTo(302);
		assertThat(inScope(a)).isEmpty();
	}

	@Test
	void readersSeeItWritersChangeIt() {
		ConsoleClient reader = new ConsoleClient(port,
				"tenant=" + b + ";user=" + Ids.newId() + ";authorities=tenant:read");
		Document page = reader.page("/portal/identity-provider");
		assertThat(page.select("#provider-save")).isEmpty();
		assertThat(page.select("#provider-form fieldset").hasAttr("disabled")).isTrue();
		assertThat(reader.post("/portal/identity-provider", form("https://login.example.com", SECRET)).statusCode())
			.isEqualTo(403);
		assertThat(reader.post("/portal/identity-provider/remove", Map.of()).statusCode()).isEqualTo(403);
		HttpResponse<String> nobody = new ConsoleClient(port,
				"tenant=" + b + ";user=" + Ids.newId() + ";authorities=users:read")
			.get("/portal/identity-provider");
		assertThat(nobody.statusCode()).isEqualTo(403);
		assertThat(html(nobody).select("#problem-code").text()).isEqualTo("forbidden");
		assertThat(inScope(b)).isEmpty();
	}

	private static Map<String, String> form(String issuer, String secret) {
		return new HashMap<>(
				Map.of("displayName", "Example SSO", "issuerUrl", issuer, "clientId", "octavia", "clientSecret", secret,
						"allowedDomains", "a.example.com\r\n@B.example.com", "jitRole", "billing", "enabled", "true"));
	}

	private Optional<IdentityProvider> inScope(TenantId id) {
		return TenantContext.call(TenantContext.Scope.tenant(id, "test"), () -> providers.find(id));
	}

}
