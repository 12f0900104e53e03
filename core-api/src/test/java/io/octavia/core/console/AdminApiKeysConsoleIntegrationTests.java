package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.apikeys.ApiKeyManagement;
import io.octavia.core.apikeys.ApiKeyStatus;
import io.octavia.core.apikeys.CreateApiKey;
import io.octavia.core.apikeys.IssuedApiKey;
import io.octavia.core.audit.AuditManagement;
import io.octavia.core.audit.AuditQuery;
import io.octavia.core.audit.AuditRecord;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.octavia.core.api.ApiTestSupport.asTenant;
import static io.octavia.core.api.ApiTestSupport.json;
import static io.octavia.core.console.ConsoleClient.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant's API keys in the operator console: metadata and never a secret, the emergency
 * revocation (confirmed, with a reason that lands in the platform's audit log, and the
 * revocation in the tenant's), and who may do what.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiKeysConsoleIntegrationTests {

	static final String OPERATOR = "tenants:read,tenants:write,audit:read";

	static final String REASON = "Key leaked in a public repository, ticket SUP-4711";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	ApiKeyManagement keys;

	@Autowired
	AuditManagement audit;

	TestHttp http;

	TenantId tenant;

	TenantId other;

	ConsoleClient operator;

	@BeforeAll
	void tenantsWithKeys() {
		ApiTestSupport api = new ApiTestSupport(port, tenants);
		http = api.http();
		tenant = api.activeTenant("Operator keys");
		other = api.activeTenant("Operator keys other");
		operator = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=" + OPERATOR);
	}

	@Test
	void operatorsSeeATenantsKeysButNeverTheirSecrets() {
		IssuedApiKey signed = issue(tenant, "Warehouse sync", true, "ledger:read", "ledger:write");
		IssuedApiKey foreign = issue(other, "Not this tenant", false, "ledger:read");
		String path = "/admin/tenants/" + tenant + "/api-keys";

		Document tenantPage = operator.page("/admin/tenants/" + tenant);
		assertThat(tenantPage.select("#tab-api-keys").attr("href")).isEqualTo(path);

		Document page = operator.page(path);
		assertThat(page.select("#tab-api-keys").attr("aria-current")).isEqualTo("page");
		assertThat(page.select("#nav-tenants").attr("aria-current")).isEqualTo("page");
		String row = "#api-key-" + signed.apiKey().keyId();
		assertThat(page.select(row + " .api-key-name").text()).isEqualTo("Warehouse sync");
		assertThat(page.select(row + " .api-key-prefix").text()).isEqualTo(signed.apiKey().prefix());
		assertThat(page.select(row).text()).contains("ledger:read", "ledger:write", "Signed requests", "Active",
				"Not used yet");
		assertThat(page.select(row + " .api-key-created-by").text()).isEqualTo("test");
		assertThat(page.html()).doesNotContain(signed.key())
			.doesNotContain(signed.key().substring(26))
			.doesNotContain(signed.signingSecret());
		assertThat(page.select("#api-key-" + foreign.apiKey().keyId())).isEmpty();

		HttpResponse<String> list = operator.htmx(path, "api-key-list");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains(signed.apiKey().prefix()).doesNotContain(signed.key());

		assertThat(operator.get("/admin/tenants/" + Ids.newId() + "/api-keys").statusCode()).isEqualTo(404);
		assertThat(operator.get("/admin/tenants/not-a-tenant/api-keys").statusCode()).isEqualTo(404);
	}

	@Test
	void anEmergencyRevocationNeedsAReasonAndIsAudited() {
		IssuedApiKey issued = issue(tenant, "Leaked key", false, "ledger:read");
		String keyId = issued.apiKey().keyId();
		String path = "/admin/tenants/" + tenant + "/api-keys/" + keyId + "/revocation";
		assertThat(withKey(issued.key()).statusCode()).isEqualTo(200);

		HttpResponse<String> question = operator.htmx(path, "api-key-" + keyId);
		assertThat(question.statusCode()).isEqualTo(200);
		Document form = row(question);
		assertThat(form.select(".api-key-revocation-form").attr("hx-post")).isEqualTo(path);
		assertThat(form.select(".api-key-revocation-form p").text()).contains("Leaked key", issued.apiKey().prefix());
		assertThat(operator.page(path).select("#api-key-confirmation form").attr("action")).isEqualTo(path);

		HttpResponse<String> noReason = operator.post(path, Map.of("reason", "  oops "), "HX-Request", "true");
		assertThat(noReason.statusCode()).isEqualTo(422);
		Document refused = row(noReason);
		assertThat(refused.select(".api-key-reason").attr("aria-invalid")).isEqualTo("true");
		assertThat(refused.select(".api-key-reason").text()).isEqualTo("oops");
		assertThat(refused.select(".api-key-reason ~ .field-error").text())
			.isEqualTo("Say why, in 10 to 500 characters.");
		assertThat(asTenant(tenant, () -> keys.find(tenant, keyId)).status()).isEqualTo(ApiKeyStatus.ACTIVE);
		assertThat(operator.post(path, Map.of()).statusCode()).as("a plain post without a reason").isEqualTo(422);
		assertThat(withKey(issued.key()).statusCode()).isEqualTo(200);

		Instant before = Instant.now().minusSeconds(5);
		HttpResponse<String> revoked = operator.post(path, Map.of("reason", REASON), "HX-Request", "true");
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		Document row = row(revoked);
		assertThat(row.select(".api-key-state").text()).isEqualTo("Revoked");
		assertThat(row.select(".row-saved").text()).isEqualTo("The key Leaked key was revoked.");
		assertThat(row.select(".api-key-revoke")).isEmpty();

		HttpResponse<String> refusedKey = withKey(issued.key());
		assertThat(refusedKey.statusCode()).isEqualTo(401);
		assertThat(json(refusedKey).get("code").asString()).isEqualTo("api_key_revoked");
		assertThat(operator.htmx(path, "api-key-" + keyId).statusCode()).as("nothing left to revoke").isEqualTo(409);

		// the platform's log keeps the operator's reason, the tenant's the emergency
		await().atMost(Duration.ofSeconds(20))
			.until(() -> audit.find(AuditManagement.PLATFORM, query("platform.cross_tenant_access", null, null, before))
				.records()
				.stream()
				.anyMatch(record -> record.after() != null && record.after().get("reason").asString().contains(REASON)
						&& record.after().get("reason").asString().contains(keyId)));
		AuditRecord emergency = await().atMost(Duration.ofSeconds(20))
			.until(() -> asTenant(tenant, () -> audit.find(tenant, query("api_key.revoked", "api_key", keyId, null)))
				.records(), found -> found.size() == 1)
			.getFirst();
		assertThat(emergency.after().get("emergency").asBoolean()).isTrue();

		// without JavaScript: a redirect with the message on the tenant's key page
		IssuedApiKey plain = issue(tenant, "Plain emergency", false, "ledger:read");
		HttpResponse<String> redirected = operator.post(
				"/admin/tenants/" + tenant + "/api-keys/" + plain.apiKey().keyId() + "/revocation",
				Map.of("reason", REASON));
		assertThat(redirected.statusCode()).isEqualTo(302);
		assertThat(operator.page("/admin/tenants/" + tenant + "/api-keys").select(".flashes .alert-success").text())
			.isEqualTo("The key Plain emergency was revoked.");
		assertThat(withKey(plain.key()).statusCode()).isEqualTo(401);
	}

	@Test
	void revokingNeedsTheWritePermissionAndTheRightTenant() {
		IssuedApiKey issued = issue(tenant, "Guarded key", false, "ledger:read");
		IssuedApiKey foreign = issue(other, "Other tenant's key", false, "ledger:read");
		String base = "/admin/tenants/" + tenant + "/api-keys";

		ConsoleClient reader = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=tenants:read");
		Document page = reader.page(base);
		assertThat(page.select("#api-key-" + issued.apiKey().keyId())).hasSize(1);
		assertThat(page.select(".api-key-revoke")).isEmpty();
		HttpResponse<String> refused = reader.post(base + "/" + issued.apiKey().keyId() + "/revocation",
				Map.of("reason", REASON));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(html(refused).select("#problem-code").text()).isEqualTo("forbidden");
		assertThat(reader.get(base + "/" + issued.apiKey().keyId() + "/revocation").statusCode()).isEqualTo(403);

		ConsoleClient tenantUser = new ConsoleClient(port,
				"tenant=" + tenant + ";user=" + Ids.newId() + ";authorities=keys:read,keys:manage,tenants:read");
		assertThat(tenantUser.get(base).statusCode()).as("tenants' people are no operators").isEqualTo(403);
		assertThat(operator
			.postWithoutToken(base + "/" + issued.apiKey().keyId() + "/revocation", Map.of("reason", REASON))
			.statusCode()).isEqualTo(403);

		// another tenant's key under this tenant's address: not found, and not revoked
		HttpResponse<String> mismatched = operator.post(base + "/" + foreign.apiKey().keyId() + "/revocation",
				Map.of("reason", REASON));
		assertThat(mismatched.statusCode()).isEqualTo(404);
		assertThat(html(mismatched).select("#problem-code").text()).isEqualTo("api_key_not_found");
		assertThat(withKey(foreign.key()).statusCode()).isEqualTo(200);
		assertThat(withKey(issued.key()).statusCode()).isEqualTo(200);
	}

	private IssuedApiKey issue(TenantId id, String name, boolean signing, String... scopes) {
		return asTenant(id, () -> keys.create(id,
				new CreateApiKey(name, Set.of(scopes), null, null, null, List.of(), null, signing), Set.of(scopes)));
	}

	private HttpResponse<String> withKey(String key) {
		return http.send(http.request("/api/v1/whoami").GET().header("Authorization", "Bearer " + key));
	}

	private static AuditQuery query(String action, @Nullable String targetType, @Nullable String targetId,
			@Nullable Instant from) {
		return new AuditQuery(null, null, action, targetType, targetId, from, null, null, AuditQuery.MAX_LIMIT);
	}

	/** A swapped table row: parsed inside a table, as the browser does. */
	private static Document row(HttpResponse<String> response) {
		return Jsoup.parse("<table><tbody>" + response.body() + "</tbody></table>");
	}

}
