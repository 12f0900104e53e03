package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.apikeys.ApiKeyManagement;
import io.octavia.core.apikeys.ApiKeyStatus;
import io.octavia.core.apikeys.CreateApiKey;
import io.octavia.core.apikeys.IssuedApiKey;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.PlatformRole;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.octavia.core.api.ApiTestSupport.asTenant;
import static io.octavia.core.api.ApiTestSupport.json;
import static io.octavia.core.console.ConsoleClient.fragment;
import static io.octavia.core.console.ConsoleClient.html;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tenant portal's API keys page over plain HTTP against the real servers: a key made
 * with the form is the real key (it calls the API with its scopes) and is shown once;
 * refusals at their fields with the input kept; a scope the person lacks; rotation with a
 * grace period; revocation; the signing policy; permissions and tenant isolation.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalApiKeysConsoleIntegrationTests {

	static final String PAGE = "/portal/api-keys";

	static final String WHOAMI = "/api/v1/whoami";

	static final String MANAGER = "keys:read,keys:manage,ledger:read,ledger:write";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	ApiKeyManagement keys;

	@Autowired
	BrandManagement brands;

	@Autowired
	IdentityManagement identity;

	TestHttp http;

	TenantId a;

	TenantId b;

	ConsoleClient manager;

	@BeforeAll
	void twoTenants() {
		ApiTestSupport api = new ApiTestSupport(port, tenants);
		http = api.http();
		a = api.activeTenant("Keys console A");
		b = api.activeTenant("Keys console B");
		manager = client(a, MANAGER);
	}

	@Test
	void aKeyMadeWithTheFormCallsTheApiWithItsScopesAndIsShownOnlyOnce() {
		Document page = manager.page(PAGE);
		assertThat(page.select("#nav-api-keys").attr("aria-current")).isEqualTo("page");
		assertThat(page.select("#scope-ledger-read").hasAttr("disabled")).isFalse();
		assertThat(page.select("#scope-billing-write").hasAttr("disabled")).as("a permission the person lacks")
			.isTrue();
		assertThat(page.select("#scope-billing-write + span .scope-not-held").text())
			.isEqualTo("You do not hold this permission, so you cannot give it to a key.");
		assertThat(page.select("#api-key-scopes").text()).contains("Post ledger entries");

		HttpResponse<String> created = manager.post(PAGE,
				form("Billing sync", List.of("ledger:read", "keys:read"), Map.of()), "HX-Request", "true");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		assertThat(created.headers().allValues("Cache-Control")).anyMatch(value -> value.contains("no-store"));
		Document answer = fragment(created);
		assertThat(answer.select("#api-key-form #api-key-name").val()).as("a blank form for the next key").isEmpty();
		assertThat(answer.select("#api-key-issued").attr("hx-swap-oob")).isEqualTo("true");
		assertThat(answer.select("#api-key-issued .alert-warning").text()).contains("shown only this once");
		assertThat(answer.select("#issued-key-copy").attr("data-copy")).isEqualTo("issued-key");
		assertThat(answer.select("#issued-signing-secret")).as("no signing asked for").isEmpty();
		String key = answer.select("#issued-key").val();
		assertThat(key).startsWith("oct_live_");
		String keyId = key.substring("oct_live_".length(), "oct_live_".length() + 16);
		assertThat(answer.select("#api-key-list").attr("hx-swap-oob")).isEqualTo("true");
		assertThat(answer.select("#api-key-" + keyId + " .api-key-prefix").text()).isEqualTo("oct_live_" + keyId);

		// the page showed the real key: it calls the API with the scopes ticked
		HttpResponse<String> whoami = withKey(key);
		assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
		JsonNode caller = json(whoami);
		assertThat(caller.get("tenantId").asString()).isEqualTo(a.toString());
		assertThat(caller.get("keyId").asString()).isEqualTo(keyId);
		assertThat(caller.get("scopes").toString()).isEqualTo("[\"keys:read\",\"ledger:read\"]");

		// and never again: not on the page, not in the list's fragment
		Document later = manager.page(PAGE);
		assertThat(later.html()).doesNotContain(key).doesNotContain(key.substring(26));
		assertThat(later.select("#api-key-issued").text()).isEmpty();
		assertThat(later.select("#api-key-" + keyId + " .api-key-name").text()).isEqualTo("Billing sync");
		assertThat(later.select("#api-key-" + keyId + " .api-key-state").text()).isEqualTo("Active");
		assertThat(manager.htmx(PAGE, "api-key-list").body()).doesNotContain(key);

		// last use (time and address) shows up once the batch is written
		await().atMost(Duration.ofSeconds(15))
			.until(() -> !manager.page(PAGE).select("#api-key-" + keyId + " .api-key-last-used time").isEmpty());
		assertThat(manager.page(PAGE).select("#api-key-" + keyId + " .api-key-last-used").text()).contains("127.0.0.1");
	}

	@Test
	void withoutJavaScriptTheKeyIsOnThePageThatAnswersThePost() {
		BrandDetails brand = asTenant(a, () -> brands.defaultBrand(a)).orElseThrow();
		HttpResponse<String> created = manager.post(PAGE, form("Signed test key", List.of("ledger:write"), Map
			.of("mode", "test", "signing", "true", "brandId", brand.id().toString(), "rateLimitPerMinute", "120")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		Document page = html(created);
		String key = page.select("#issued-key").val();
		assertThat(key).startsWith("oct_test_");
		assertThat(page.select("#issued-signing-secret").val()).startsWith("octsig_");
		assertThat(page.select("#api-key-issued").attr("hx-swap-oob")).isEmpty();
		String keyId = key.substring("oct_test_".length(), "oct_test_".length() + 16);
		String row = page.select("#api-key-" + keyId).text();
		assertThat(row).contains("Test", brand.name(), "120 requests a minute", "Signed requests");

		Document later = manager.page(PAGE);
		assertThat(later.html()).doesNotContain(key).doesNotContain(page.select("#issued-signing-secret").val());
	}

	@Test
	void problemsAreShownAtTheirFieldsAndTheInputIsKept() {
		int before = count(a);

		HttpResponse<String> notHeld = manager.post(PAGE,
				form("Greedy", List.of("ledger:read", "billing:write"), Map.of("ipAllowList", "203.0.113.0/24")),
				"HX-Request", "true");
		assertThat(notHeld.statusCode()).isEqualTo(422);
		Document refused = fragment(notHeld);
		assertThat(refused.select("#api-key-scopes .field-error").text())
			.isEqualTo("You cannot give a key the scope billing:write: you do not hold it yourself.");
		assertThat(refused.select("#api-key-name").val()).isEqualTo("Greedy");
		assertThat(refused.select("#scope-ledger-read").hasAttr("checked")).isTrue();
		assertThat(refused.select("#api-key-ips").text()).isEqualTo("203.0.113.0/24");
		assertThat(refused.select("#api-key-issued, #issued-key")).isEmpty();

		HttpResponse<String> badRange = manager.post(PAGE,
				form("Office only", List.of("ledger:read"),
						Map.of("ipAllowList", "10.0.0.0/8\nnot-a-range\n2001:db8::/129", "expiresOn", "2999-12-31")),
				"HX-Request", "true");
		assertThat(badRange.statusCode()).isEqualTo(422);
		Document ranges = fragment(badRange);
		assertThat(ranges.select("#api-key-ips").attr("aria-invalid")).isEqualTo("true");
		assertThat(ranges.select("#api-key-ips ~ .field-error").eachText()).containsExactly(
				"not-a-range is not an IPv4 or IPv6 address or CIDR range.",
				"2001:db8::/129 is not an IPv4 or IPv6 address or CIDR range.");
		assertThat(ranges.select("#api-key-ips").text()).contains("10.0.0.0/8", "not-a-range");
		assertThat(ranges.select("#api-key-name").val()).isEqualTo("Office only");
		assertThat(ranges.select("#api-key-expires").val()).isEqualTo("2999-12-31");
		assertThat(ranges.select("#scope-ledger-read").hasAttr("checked")).isTrue();

		HttpResponse<String> empty = manager.post(PAGE,
				form(" ", List.of(), Map.of("expiresOn", LocalDate.now().minusDays(2).toString())), "HX-Request",
				"true");
		assertThat(empty.statusCode()).isEqualTo(422);
		Document blanks = fragment(empty);
		assertThat(blanks.select("#api-key-name ~ .field-error").text())
			.isEqualTo("Enter a name of 1 to 200 characters.");
		assertThat(blanks.select("#api-key-scopes .field-error").text()).isNotBlank();
		assertThat(blanks.select("#api-key-expires ~ .field-error").text())
			.isEqualTo("Choose an expiry in the future.");

		HttpResponse<String> german = manager.post(PAGE,
				form("Zahl", List.of("ledger:read"), Map.of("rateLimitPerMinute", "viele")), "HX-Request", "true",
				"Accept-Language", "de");
		assertThat(german.statusCode()).isEqualTo(422);
		assertThat(fragment(german).select("#api-key-rate-limit ~ .field-error").text()).isNotBlank()
			.doesNotContain("Enter");
		assertThat(fragment(german).select("#api-key-rate-limit").val()).isEqualTo("viele");

		// another tenant's brand looks like none; a mode that does not exist
		BrandDetails foreignBrand = asTenant(b, () -> brands.defaultBrand(b)).orElseThrow();
		HttpResponse<String> smuggled = manager.post(PAGE,
				form("Foreign brand", List.of("ledger:read"), Map.of("brandId", foreignBrand.id().toString())),
				"HX-Request", "true");
		assertThat(smuggled.statusCode()).isEqualTo(422);
		assertThat(fragment(smuggled).select("#api-key-brand ~ .field-error").text())
			.isEqualTo("Choose one of your tenant's brands.");
		HttpResponse<String> mode = manager.post(PAGE, form("Prod", List.of("ledger:read"), Map.of("mode", "prod")),
				"HX-Request", "true");
		assertThat(mode.statusCode()).isEqualTo(422);
		assertThat(fragment(mode).select("#api-key-mode ~ .field-error").text()).isEqualTo("Choose live or test.");

		// a plain post: the whole page, the problems at their fields
		HttpResponse<String> plain = manager.post(PAGE,
				form("Plain", List.of("ledger:read"), Map.of("ipAllowList", "example.com")));
		assertThat(plain.statusCode()).isEqualTo(422);
		assertThat(html(plain).select("#api-key-ips ~ .field-error").text()).startsWith("example.com is not");

		assertThat(count(a)).as("no key was made").isEqualTo(before);
	}

	@Test
	void rotationKeepsTheOldKeyForTheGracePeriodAndShowsTheNewOneOnce() {
		IssuedApiKey old = issue(a, "Rotating key", "ledger:read");
		String keyId = old.apiKey().keyId();

		HttpResponse<String> question = manager.htmx(PAGE + "/" + keyId + "/rotation", "api-key-" + keyId);
		assertThat(question.statusCode()).isEqualTo(200);
		Document row = row(question);
		assertThat(row.select(".api-key-rotation-form").attr("hx-post")).isEqualTo(PAGE + "/" + keyId + "/rotation");
		assertThat(row.select(".api-key-grace option").eachAttr("value")).containsExactly("0", "3600", "86400",
				"604800");
		assertThat(manager.page(PAGE + "/" + keyId + "/rotation").select("#api-key-confirmation form").attr("action"))
			.isEqualTo(PAGE + "/" + keyId + "/rotation");

		assertThat(manager.post(PAGE + "/" + keyId + "/rotation", Map.of("gracePeriod", "999"), "HX-Request", "true")
			.statusCode()).as("only the periods offered").isEqualTo(400);

		HttpResponse<String> rotated = manager.post(PAGE + "/" + keyId + "/rotation", Map.of("gracePeriod", "3600"),
				"HX-Request", "true");
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		assertThat(rotated.headers().allValues("Cache-Control")).anyMatch(value -> value.contains("no-store"));
		Document answer = fragment(rotated);
		assertThat(answer.select("#api-key-issued").attr("hx-swap-oob")).isEqualTo("true");
		assertThat(answer.select("#api-key-issued .card-title").text()).isEqualTo("The key Rotating key was replaced");
		String replacement = answer.select("#issued-key").val();
		assertThat(replacement).startsWith("oct_live_").isNotEqualTo(old.key());
		assertThat(answer.select("#api-key-" + keyId + " .api-key-state").text()).isEqualTo("Expiring");

		assertThat(withKey(old.key()).statusCode()).as("the old key, within the grace period").isEqualTo(200);
		assertThat(withKey(replacement).statusCode()).isEqualTo(200);
		assertThat(manager.page(PAGE).html()).doesNotContain(replacement);

		// no grace: the replaced key stops at once
		String replacementId = replacement.substring(9, 25);
		HttpResponse<String> now = manager.post(PAGE + "/" + replacementId + "/rotation", Map.of("gracePeriod", "0"),
				"HX-Request", "true");
		assertThat(now.statusCode()).isEqualTo(200);
		HttpResponse<String> expired = withKey(replacement);
		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(json(expired).get("code").asString()).isEqualTo("api_key_expired");
		assertThat(withKey(fragment(now).select("#issued-key").val()).statusCode()).isEqualTo(200);

		// an expired key is rotated no more; htmx gets the refusal as a toast
		HttpResponse<String> again = manager.post(PAGE + "/" + replacementId + "/rotation", Map.of("gracePeriod", "0"),
				"HX-Request", "true");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
	}

	@Test
	void revocationAsksFirstAndTheKeyIsRefusedAfterwards() {
		IssuedApiKey issued = issue(a, "Doomed key", "ledger:read");
		String keyId = issued.apiKey().keyId();
		assertThat(withKey(issued.key()).statusCode()).isEqualTo(200);

		HttpResponse<String> question = manager.htmx(PAGE + "/" + keyId + "/revocation", "api-key-" + keyId);
		assertThat(question.statusCode()).isEqualTo(200);
		assertThat(row(question).select(".api-key-revocation-form p").text()).contains("Doomed key");
		assertThat(asTenant(a, () -> keys.find(a, keyId)).status()).isEqualTo(ApiKeyStatus.ACTIVE);

		HttpResponse<String> revoked = manager.post(PAGE + "/" + keyId + "/revocation", Map.of(), "HX-Request", "true");
		assertThat(revoked.statusCode()).isEqualTo(200);
		Document row = row(revoked);
		assertThat(row.select(".api-key-state").text()).isEqualTo("Revoked");
		assertThat(row.select(".row-saved").text()).isEqualTo("The key Doomed key was revoked.");
		assertThat(row.select(".api-key-rotate, .api-key-revoke")).isEmpty();

		HttpResponse<String> refused = withKey(issued.key());
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(json(refused).get("code").asString()).isEqualTo("api_key_revoked");
		assertThat(manager.htmx(PAGE + "/" + keyId + "/rotation", "api-key-" + keyId).statusCode()).isEqualTo(409);

		// without JavaScript: a redirect and the message on the next page
		IssuedApiKey plain = issue(a, "Plain revoked key", "ledger:read");
		HttpResponse<String> redirected = manager.post(PAGE + "/" + plain.apiKey().keyId() + "/revocation", Map.of());
		assertThat(redirected.statusCode()).isEqualTo(302);
		assertThat(manager.page(PAGE).select(".flashes .alert-success").text())
			.isEqualTo("The key Plain revoked key was revoked.");
		assertThat(withKey(plain.key()).statusCode()).isEqualTo(401);
	}

	@Test
	void theTenantRequiresSignaturesFromThePage() {
		TenantId tenant = new ApiTestSupport(port, tenants).activeTenant("Keys policy");
		ConsoleClient owner = client(tenant, MANAGER);
		IssuedApiKey unsigned = issue(tenant, "Unsigned key", "ledger:read");
		assertThat(withKey(unsigned.key()).statusCode()).isEqualTo(200);

		HttpResponse<String> on = owner.post(PAGE + "/signing-policy", Map.of("requireSignatures", "true"),
				"HX-Request", "true");
		assertThat(on.statusCode()).isEqualTo(200);
		Document policy = fragment(on);
		assertThat(policy.select("#api-key-require-signatures").hasAttr("checked")).isTrue();
		assertThat(policy.select("#api-key-policy .alert-success").text()).isEqualTo("The signing policy was saved.");
		assertThat(asTenant(tenant, () -> keys.requireSignatures(tenant))).isTrue();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> "signature_missing".equals(json(withKey(unsigned.key())).path("code").asString()));

		Document page = owner.page(PAGE);
		assertThat(page.select("#api-key-signing").hasAttr("checked")).isTrue();
		assertThat(page.select("#api-key-signing").hasAttr("disabled")).isTrue();
		// the box cannot be sent while disabled: new keys get a signing secret anyway
		HttpResponse<String> created = owner.post(PAGE, form("Forced signing", List.of("ledger:read"), Map.of()),
				"HX-Request", "true");
		assertThat(fragment(created).select("#issued-signing-secret").val()).startsWith("octsig_");

		// an unticked box sends nothing: off
		HttpResponse<String> off = owner.post(PAGE + "/signing-policy", Map.of(), "HX-Request", "true");
		assertThat(fragment(off).select("#api-key-require-signatures").hasAttr("checked")).isFalse();
		assertThat(asTenant(tenant, () -> keys.requireSignatures(tenant))).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> withKey(unsigned.key()).statusCode() == 200);
	}

	@Test
	void loadMoreAddsTheNextPageOfKeys() {
		TenantId tenant = new ApiTestSupport(port, tenants).activeTenant("Keys many");
		for (int i = 0; i < 26; i++) {
			issue(tenant, "Key " + i, "ledger:read");
		}
		ConsoleClient reader = client(tenant, "keys:read");
		Document page = reader.page(PAGE);
		assertThat(page.select("#api-key-rows .api-key-row")).hasSize(25);
		String more = page.select("#api-keys-more a").attr("href");
		assertThat(more).startsWith(PAGE + "?cursor=");
		HttpResponse<String> next = reader.htmx(more, "api-keys-more");
		assertThat(next.statusCode()).isEqualTo(200);
		Document rows = row(next);
		assertThat(rows.select(".api-key-row")).hasSize(1);
		assertThat(rows.select(".api-key-name").text()).isEqualTo("Key 25");
		assertThat(rows.select("#api-keys-more")).isEmpty();
	}

	@Test
	void changesNeedTheirPermissionAndStayInTheCallersTenant() {
		IssuedApiKey own = issue(a, "Reader visible key", "ledger:read");
		IssuedApiKey foreign = issue(b, "Foreign key", "ledger:read");
		String foreignPath = PAGE + "/" + foreign.apiKey().keyId();

		ConsoleClient reader = client(a, "keys:read,ledger:read");
		Document page = reader.page(PAGE);
		assertThat(page.select("#api-key-" + own.apiKey().keyId())).hasSize(1);
		assertThat(page.select("#api-key-" + foreign.apiKey().keyId())).isEmpty();
		assertThat(page.select("#api-key-form, .api-key-rotate, .api-key-revoke, #api-key-policy-form")).isEmpty();
		assertThat(page.select("#api-key-policy-state").text()).isNotBlank();
		HttpResponse<String> refused = reader.post(PAGE, form("Sneaky", List.of("ledger:read"), Map.of()));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(html(refused).select("#problem-code").text()).isEqualTo("forbidden");
		String ownPath = PAGE + "/" + own.apiKey().keyId();
		assertThat(reader.post(ownPath + "/revocation", Map.of()).statusCode()).isEqualTo(403);
		assertThat(reader.post(ownPath + "/rotation", Map.of("gracePeriod", "0")).statusCode()).isEqualTo(403);
		assertThat(reader.get(ownPath + "/revocation").statusCode()).isEqualTo(403);
		assertThat(reader.post(PAGE + "/signing-policy", Map.of("requireSignatures", "true")).statusCode())
			.isEqualTo(403);

		assertThat(client(a, "ledger:read").get(PAGE).statusCode()).isEqualTo(403);
		assertThat(new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=" + MANAGER).get(PAGE).statusCode())
			.as("operators are no tenant's people")
			.isEqualTo(403);
		ConsoleClient.assertSignInRequired(new ConsoleClient(port, null).get(PAGE));
		assertThat(manager.postWithoutToken(ownPath + "/revocation", Map.of()).statusCode()).isEqualTo(403);

		// another tenant's key looks like none
		HttpResponse<String> notFound = manager.post(foreignPath + "/revocation", Map.of());
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(html(notFound).select("#problem-code").text()).isEqualTo("api_key_not_found");
		assertThat(manager.post(foreignPath + "/rotation", Map.of("gracePeriod", "0")).statusCode()).isEqualTo(404);
		assertThat(manager.get(foreignPath + "/revocation").statusCode()).isEqualTo(404);
		assertThat(withKey(foreign.key()).statusCode()).isEqualTo(200);
		assertThat(withKey(own.key()).statusCode()).isEqualTo(200);
	}

	@Test
	void anOperatorActingAsSomeoneRevokesButNeverTakesAKeyAway() {
		TenantId tenant = new ApiTestSupport(port, tenants).activeTenant("Keys impersonated");
		UserSummary owner = identity.createUser("keys-owner-" + Ids.newId() + "@example.com", "Kim Keys",
				"pw-" + Ids.newId());
		asTenant(tenant, () -> identity.addMember(tenant, owner.id(), TenantRole.OWNER));
		IssuedApiKey leaked = issue(tenant, "Leaked in a ticket", "ledger:read");
		UserSummary operatorAccount = identity.createUser("keys-ops-" + Ids.newId() + "@example.com", "Pat Admin",
				"pw-" + Ids.newId());
		ConsoleClient admin = new ConsoleClient(port, "user=" + operatorAccount.id() + ";authorities="
				+ String.join(",", RolePermissions.of(PlatformRole.PLATFORM_ADMIN)));
		HttpResponse<String> started = admin.post("/admin/impersonations", Map.of("userId", owner.id(), "tenantId",
				tenant, "reason", "Customer asked us to look at their keys", "minutes", 15));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(302);

		Document page = admin.page(PAGE);
		assertThat(page.select("#impersonation-banner")).hasSize(1);
		assertThat(page.select("#api-key-" + leaked.apiKey().keyId())).hasSize(1);
		assertThat(page.select("#api-key-form, .api-key-rotate")).isEmpty();
		assertThat(page.select("#api-key-impersonation").text()).contains("outlive the impersonation");
		int before = count(tenant);
		HttpResponse<String> create = admin.post(PAGE, form("Operator's own", List.of("ledger:read"), Map.of()));
		assertThat(create.statusCode()).isEqualTo(403);
		assertThat(html(create).select("#problem-code").text()).isEqualTo("api_key_impersonation");
		assertThat(
				admin.post(PAGE + "/" + leaked.apiKey().keyId() + "/rotation", Map.of("gracePeriod", "0")).statusCode())
			.isEqualTo(403);
		assertThat(count(tenant)).isEqualTo(before);
		assertThat(withKey(leaked.key()).statusCode()).isEqualTo(200);

		HttpResponse<String> revoked = admin.post(PAGE + "/" + leaked.apiKey().keyId() + "/revocation", Map.of(),
				"HX-Request", "true");
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(withKey(leaked.key()).statusCode()).isEqualTo(401);
	}

	private IssuedApiKey issue(TenantId tenant, String name, String... scopes) {
		return asTenant(tenant, () -> keys.create(tenant,
				new CreateApiKey(name, Set.of(scopes), null, null, null, null, null, false), Set.of(scopes)));
	}

	private int count(TenantId tenant) {
		return asTenant(tenant, () -> keys.list(tenant, null, 100)).items().size();
	}

	private HttpResponse<String> withKey(String key) {
		return http.send(http.request(WHOAMI).GET().header("Authorization", "Bearer " + key));
	}

	private ConsoleClient client(TenantId tenant, String authorities) {
		return new ConsoleClient(port, "tenant=" + tenant + ";user=" + Ids.newId() + ";authorities=" + authorities);
	}

	private static Map<String, Object> form(String name, List<String> scopes, Map<String, String> more) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("name", name);
		fields.put("scopes", scopes);
		fields.put("mode", "live");
		fields.put("brandId", "");
		fields.put("expiresOn", "");
		fields.put("ipAllowList", "");
		fields.put("rateLimitPerMinute", "");
		fields.putAll(more);
		return fields;
	}

	/** A swapped table row: parsed inside a table, as the browser does. */
	private static Document row(HttpResponse<String> response) {
		return Jsoup.parse("<table><tbody>" + response.body() + "</tbody></table>");
	}

}
