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
import io.octavia.core.identity.TestDnsServer;
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

	@Test
	void theTenantAddsVerifiesAndRemovesADomainAndSeesWhyAVerificationFailed() {
		ConsoleClient owner = new ConsoleClient(port,
				"tenant=" + b + ";user=" + Ids.newId() + ";authorities=tenant:read,tenant:write");
		String domain = "portal-" + Ids.newId().toString().substring(24) + ".example.com";
		assertThat(owner.page("/portal/identity-provider").select("#domains-none").text())
			.startsWith("No e-mail domains");

		HttpResponse<String> invalid = owner.post("/portal/identity-provider/domains", Map.of("domain", "not a domain"),
				"HX-Request", "true");
		assertThat(invalid.statusCode()).isEqualTo(422);
		assertThat(fragment(invalid).select("#domain-new").attr("aria-invalid")).isEqualTo("true");

		HttpResponse<String> added = owner.post("/portal/identity-provider/domains", Map.of("domain", domain),
				"HX-Request", "true");
		assertThat(added.statusCode()).isEqualTo(200);
		Document section = fragment(added);
		assertThat(section.select(".domain-name").text()).isEqualTo(domain);
		assertThat(section.select(".domain-status").text()).isEqualTo("Not verified yet");
		assertThat(section.select(".domain-record-name").text()).isEqualTo("_octavia-challenge." + domain);
		String record = section.select(".domain-record-value").text();
		assertThat(record).startsWith("octavia-verification=");
		assertThat(section.select("button[data-copy=domain-record-value-0]")).hasSize(1);

		// not published yet: the reason, localized
		HttpResponse<String> missing = owner.post("/portal/identity-provider/domains/verification",
				Map.of("domain", domain), "HX-Request", "true", "Accept-Language", "de");
		assertThat(missing.statusCode()).isEqualTo(422);
		assertThat(fragment(missing).select("#domain-problem").text()).contains("_octavia-challenge." + domain)
			.contains("TXT-Eintrag");

		TestDnsServer.publish("_octavia-challenge." + domain, record);
		HttpResponse<String> verified = owner.post("/portal/identity-provider/domains/verification",
				Map.of("domain", domain), "HX-Request", "true");
		assertThat(verified.statusCode()).isEqualTo(200);
		assertThat(fragment(verified).select("#domain-verified").text())
			.isEqualTo("The domain " + domain + " is verified.");
		assertThat(fragment(verified).select(".domain-status").text()).isEqualTo("Verified");

		// another tenant cannot verify it while this one holds it
		ConsoleClient other = new ConsoleClient(port,
				"tenant=" + a + ";user=" + Ids.newId() + ";authorities=tenant:read,tenant:write");
		String otherRecord = fragment(
				other.post("/portal/identity-provider/domains", Map.of("domain", domain), "HX-Request", "true"))
			.select(".domain-record-value")
			.text();
		TestDnsServer.publish("_octavia-challenge." + domain, record, otherRecord);
		HttpResponse<String> claimed = other.post("/portal/identity-provider/domains/verification",
				Map.of("domain", domain), "HX-Request", "true");
		assertThat(claimed.statusCode()).isEqualTo(422);
		assertThat(fragment(claimed).select("#domain-problem").text()).startsWith("Another tenant has verified");

		// a reader sees the domains but cannot act on them
		ConsoleClient reader = new ConsoleClient(port,
				"tenant=" + b + ";user=" + Ids.newId() + ";authorities=tenant:read");
		assertThat(reader.page("/portal/identity-provider").select(".domain-name").text()).isEqualTo(domain);
		assertThat(reader.page("/portal/identity-provider").select("#domain-add, .domain-remove")).isEmpty();
		assertThat(reader.post("/portal/identity-provider/domains/removal", Map.of("domain", domain)).statusCode())
			.isEqualTo(403);

		assertThat(owner.post("/portal/identity-provider/domains/removal", Map.of("domain", domain)).statusCode())
			.isEqualTo(302);
		assertThat(owner.page("/portal/identity-provider").select(".flashes .alert-success").text())
			.isEqualTo("The domain " + domain + " was removed.");
		assertThat(TenantContext.call(TenantContext.Scope.tenant(b, "test"), () -> providers.domains(b))).isEmpty();
		TestDnsServer.unpublish("_octavia-challenge." + domain);
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
