package io.octavia.core.gateway;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.octavia.core.OctaviaCoreApplication;
import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.apikeys.ApiKeyFormat;
import io.octavia.core.apikeys.ApiKeyMode;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.RedisClientInfo;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static io.octavia.core.api.ApiTestSupport.json;
import static io.octavia.core.api.ApiTestSupport.tenantCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API keys end to end over HTTP: issued once, refused when malformed, unknown, revoked,
 * expired or used from the wrong address, limited to their scopes and tenant, rotated
 * with a grace period, revoked on a second node within a second, and signed requests (RFC
 * 9421) checked for tampering, time window and replay — including the documented
 * {@code openssl} + {@code curl} script. A replayed read gets the refusal and nothing of
 * the answer (whose handler already ran), a replayed write is refused before it runs, and
 * without Redis signed requests fail closed.
 */
@OctaviaIntegrationTest
class ApiKeysIntegrationTests {

	static final String KEYS = "/api/v1/api-keys";

	static final String WHOAMI = "/api/v1/whoami";

	static final String MANAGER_PERMISSIONS = "keys:read,keys:manage,ledger:read,ledger:write";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	BrandManagement brands;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Environment environment;

	@Autowired
	StringRedisTemplate redis;

	ApiTestSupport api;

	TestHttp http;

	TenantId tenant;

	String manager;

	@BeforeEach
	void setUp() {
		api = new ApiTestSupport(port, tenants);
		http = api.http();
		tenant = api.activeTenant("Keys");
		manager = tenantCaller(tenant, MANAGER_PERMISSIONS);
	}

	record Issued(String keyId, String key, String signingSecret) {
	}

	Issued create(Map<String, ?> body) {
		HttpResponse<String> created = api.post(KEYS, manager, ApiTestSupport.json(body));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode issued = json(created);
		JsonNode secret = issued.get("signingSecret");
		return new Issued(issued.get("apiKey").get("keyId").asString(), issued.get("key").asString(),
				(secret == null || secret.isNull()) ? null : secret.asString());
	}

	Issued create(String... scopes) {
		return create(Map.of("name", "Test key", "scopes", List.of(scopes)));
	}

	HttpResponse<String> withKey(String path, String key, String... headers) {
		HttpRequest.Builder request = http.request(path).GET().header("Authorization", "Bearer " + key);
		if (headers.length > 0) {
			request.headers(headers);
		}
		return http.send(request);
	}

	/** The problem's code; the status for an answer that is no problem. */
	static String code(HttpResponse<String> response) {
		JsonNode code = json(response).get("code");
		return (code != null) ? code.asString() : "status " + response.statusCode();
	}

	@Test
	void aKeyIsShownOnceAndActsForItsTenantWithItsScopes() {
		Issued issued = create("ledger:read", "keys:read");
		assertThat(issued.key()).matches(ApiKeyFormat.SCANNER_REGEX.replace("\\b", ""));
		assertThat(issued.signingSecret()).isNull();

		HttpResponse<String> whoami = withKey(WHOAMI, issued.key());
		assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
		JsonNode caller = json(whoami);
		assertThat(caller.get("credential").asString()).isEqualTo("key");
		assertThat(caller.get("keyId").asString()).isEqualTo(issued.keyId());
		assertThat(caller.get("tenantId").asString()).isEqualTo(tenant.toString());
		assertThat(caller.get("userId").isNull()).isTrue();
		assertThat(caller.get("scopes").toString()).isEqualTo("[\"keys:read\",\"ledger:read\"]");
		// the X-Api-Key header works the same
		assertThat(http.get(WHOAMI, "X-Api-Key", issued.key()).statusCode()).isEqualTo(200);

		HttpResponse<String> list = withKey(KEYS, issued.key());
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		assertThat(list.body()).contains(issued.keyId())
			.contains("oct_live_" + issued.keyId())
			.doesNotContain(issued.key())
			.doesNotContain("\"key\"");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key WHERE encode(key_hash, 'escape') LIKE ?",
				Integer.class, "%" + issued.key() + "%"))
			.as("only a keyed hash is stored")
			.isZero();

		// last use is written in batches, a few seconds later
		await().atMost(Duration.ofSeconds(15))
			.until(() -> !json(api.get(KEYS + "/" + issued.keyId(), manager)).get("lastUsedAt").isNull());
		assertThat(json(api.get(KEYS + "/" + issued.keyId(), manager)).get("lastUsedIp").asString())
			.isEqualTo("127.0.0.1");
	}

	@Test
	void malformedUnknownAndWrongSecretKeysAreInvalid() {
		Issued issued = create("ledger:read");
		String typo = issued.key().substring(0, issued.key().length() - 1) + (issued.key().endsWith("0") ? "1" : "0");
		assertThat(code(withKey(WHOAMI, typo))).isEqualTo("api_key_invalid");
		assertThat(withKey(WHOAMI, typo).statusCode()).isEqualTo(401);
		assertThat(code(withKey(WHOAMI, "oct_live_short"))).isEqualTo("api_key_invalid");
		assertThat(code(withKey(WHOAMI, ApiKeyFormat.newKey(ApiKeyMode.LIVE)))).as("well-formed, unknown")
			.isEqualTo("api_key_invalid");
		assertThat(code(withKey(WHOAMI, ApiKeyFormat.newKey(ApiKeyMode.LIVE, issued.keyId()))))
			.as("a real key id with another secret")
			.isEqualTo("api_key_invalid");
		assertThat(code(http.get(WHOAMI, "X-Api-Key", "nonsense"))).isEqualTo("api_key_invalid");
	}

	@Test
	void aMissingScopeIsNamedAndAKeyNeverExceedsItsCreator() {
		Issued ledgerOnly = create("ledger:read");
		HttpResponse<String> refused = withKey(KEYS, ledgerOnly.key());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(code(refused)).isEqualTo("scope_missing");
		assertThat(json(refused).get("scope").asString()).isEqualTo("keys:read");

		HttpResponse<String> tooMuch = api.post(KEYS, manager,
				ApiTestSupport.json(Map.of("name", "Greedy", "scopes", List.of("billing:write"))));
		assertThat(tooMuch.statusCode()).isEqualTo(403);
		assertThat(code(tooMuch)).isEqualTo("api_key_scope_not_held");
		assertThat(json(tooMuch).get("scope").asString()).isEqualTo("billing:write");

		// a key that manages keys makes keys of at most its own scopes
		Issued keyManager = create("keys:manage", "ledger:read");
		HttpResponse<String> escalation = http.send(http.request(KEYS)
			.header("Authorization", "Bearer " + keyManager.key())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"scopes\":[\"ledger:write\"]}")));
		assertThat(escalation.statusCode()).isEqualTo(403);
		HttpResponse<String> rotateStronger = http
			.send(http.request(KEYS + "/" + create("ledger:write").keyId() + "/rotate")
				.header("Authorization", "Bearer " + keyManager.key())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(code(rotateStronger)).isEqualTo("api_key_scope_not_held");

		HttpResponse<String> invalid = api.post(KEYS, manager, ApiTestSupport.json(Map.of("name", "", "scopes",
				List.of("nope:nope"), "ipAllowList", List.of("example.com"), "rateLimitPerMinute", 0)));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(ApiTestSupport.fieldErrors(invalid)).containsKeys("name", "scopes", "ipAllowList",
				"rateLimitPerMinute");
	}

	@Test
	void aKeyOfOneTenantCannotClaimAnother() {
		Issued issued = create("ledger:read");
		TenantId other = api.activeTenant("Other");
		HttpResponse<String> claimed = withKey(WHOAMI, issued.key(), "x-tenant-id", other.toString());
		assertThat(claimed.statusCode()).isEqualTo(403);
		assertThat(code(claimed)).isEqualTo("tenant_mismatch");
		assertThat(withKey(WHOAMI, issued.key(), "x-tenant-id", tenant.toString()).statusCode()).isEqualTo(200);
		assertThat(api.get(KEYS + "/" + issued.keyId(), tenantCaller(other, MANAGER_PERMISSIONS)).statusCode())
			.as("another tenant's key does not exist")
			.isEqualTo(404);
	}

	@Test
	void aKeyRestrictedToABrandActsForThatBrandOnly() {
		GatewayFixtures fixtures = new GatewayFixtures(tenants, brands, transactions);
		String defaultBrand = fixtures.defaultBrand(tenant).id().toString();
		String otherBrand = fixtures.brand(tenant).id().toString();
		Issued branded = create(Map.of("name", "Brand key", "scopes", List.of("ledger:read"), "brandId", defaultBrand));
		JsonNode caller = json(withKey(WHOAMI, branded.key()));
		assertThat(caller.get("brandId").asString()).isEqualTo(defaultBrand);
		HttpResponse<String> otherClaimed = withKey(WHOAMI, branded.key(), "x-brand-id", otherBrand);
		assertThat(otherClaimed.statusCode()).isEqualTo(403);
		assertThat(code(otherClaimed)).isEqualTo("brand_mismatch");

		TenantId other = api.activeTenant("Foreign brand");
		String foreignBrand = fixtures.defaultBrand(other).id().toString();
		HttpResponse<String> foreign = api.post(KEYS, manager,
				ApiTestSupport.json(Map.of("name", "x", "scopes", List.of("ledger:read"), "brandId", foreignBrand)));
		assertThat(foreign.statusCode()).isEqualTo(400);
		assertThat(ApiTestSupport.fieldErrors(foreign)).containsOnlyKeys("brandId");
	}

	@Test
	void revokedExpiredAndBlockedKeysAreRefused() {
		Issued revoked = create("ledger:read");
		assertThat(withKey(WHOAMI, revoked.key()).statusCode()).as("cached").isEqualTo(200);
		assertThat(api.post(KEYS + "/" + revoked.keyId() + "/revoke", manager, "").statusCode()).isEqualTo(200);
		HttpResponse<String> refused = withKey(WHOAMI, revoked.key());
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(code(refused)).isEqualTo("api_key_revoked");

		Issued expiring = create(Map.of("name", "Short", "scopes", List.of("ledger:read"), "expiresAt",
				Instant.now().plusSeconds(2).toString()));
		assertThat(withKey(WHOAMI, expiring.key()).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(code(withKey(WHOAMI, expiring.key()))).isEqualTo("api_key_expired"));
		assertThat(json(api.get(KEYS + "/" + expiring.keyId(), manager)).get("status").asString()).isEqualTo("expired");

		Issued elsewhere = create(Map.of("name", "Office only", "scopes", List.of("ledger:read"), "ipAllowList",
				List.of("203.0.113.0/24", "2001:db8::/32")));
		HttpResponse<String> blocked = withKey(WHOAMI, elsewhere.key());
		assertThat(blocked.statusCode()).isEqualTo(403);
		assertThat(code(blocked)).isEqualTo("api_key_ip_blocked");
		Issued local = create(Map.of("name", "Local", "scopes", List.of("ledger:read"), "ipAllowList",
				List.of("127.0.0.0/8", "::1")));
		assertThat(withKey(WHOAMI, local.key()).statusCode()).isEqualTo(200);
	}

	@Test
	void rotationKeepsTheOldKeyForItsGracePeriodOnly() {
		Issued old = create("ledger:read");
		assertThat(withKey(WHOAMI, old.key()).statusCode()).isEqualTo(200);
		HttpResponse<String> rotated = api.post(KEYS + "/" + old.keyId() + "/rotate", manager,
				"{\"gracePeriodSeconds\":3600}");
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		JsonNode issued = json(rotated);
		String newKey = issued.get("key").asString();
		assertThat(issued.get("apiKey").get("rotatedFrom").asString()).isEqualTo(old.keyId());
		assertThat(issued.get("apiKey").get("scopes").toString()).isEqualTo("[\"ledger:read\"]");
		assertThat(withKey(WHOAMI, newKey).statusCode()).isEqualTo(200);
		assertThat(withKey(WHOAMI, old.key()).statusCode()).as("within the grace period").isEqualTo(200);
		Instant oldExpiry = Instant.parse(json(api.get(KEYS + "/" + old.keyId(), manager)).get("expiresAt").asString());
		assertThat(oldExpiry).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));

		HttpResponse<String> again = api.post(
				KEYS + "/" + json(rotated).get("apiKey").get("keyId").asString() + "/rotate", manager,
				"{\"gracePeriodSeconds\":0}");
		assertThat(again.statusCode()).isEqualTo(200);
		HttpResponse<String> expired = withKey(WHOAMI, newKey);
		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(code(expired)).isEqualTo("api_key_expired");
		assertThat(withKey(WHOAMI, json(again).get("key").asString()).statusCode()).isEqualTo(200);

		assertThat(code(api.post(KEYS + "/" + old.keyId() + "/rotate", manager, "{\"gracePeriodSeconds\":604801}")))
			.isEqualTo("validation_failed");
	}

	@Test
	void operatorsListAnyTenantsKeysAndRevokeInAnEmergency() {
		Issued issued = create("ledger:read");
		String operator = ApiTestSupport.operator("tenants:read,tenants:write");
		String base = "/api/v1/operator/tenants/" + tenant + "/api-keys";
		HttpResponse<String> list = api.get(base, operator);
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		assertThat(list.body()).contains(issued.keyId()).doesNotContain(issued.key());
		assertThat(api.get(base, manager).statusCode()).as("tenants are no operators").isEqualTo(403);
		assertThat(api.post(base + "/" + issued.keyId() + "/revoke", operator, "").statusCode()).isEqualTo(200);
		assertThat(code(withKey(WHOAMI, issued.key()))).isEqualTo("api_key_revoked");

		// the tenant's audit log keeps creation and the emergency revocation, never the
		// key
		String auditor = tenantCaller(tenant, "audit:read");
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			HttpResponse<String> log = api.get("/api/v1/audit-records?targetType=api_key&targetId=" + issued.keyId(),
					auditor);
			assertThat(log.body()).contains("api_key.created", "api_key.revoked").doesNotContain(issued.key());
		});
	}

	@Test
	void aKeysOwnRateLimitReplacesThePlans() {
		Issued limited = create(Map.of("name", "Slow", "scopes", List.of("ledger:read"), "rateLimitPerMinute", 2));
		assertThat(withKey(WHOAMI, limited.key()).statusCode()).isEqualTo(200);
		assertThat(withKey(WHOAMI, limited.key()).statusCode()).isEqualTo(200);
		HttpResponse<String> third = withKey(WHOAMI, limited.key());
		assertThat(third.statusCode()).isEqualTo(429);
		assertThat(code(third)).isEqualTo("rate_limited");
		assertThat(third.headers().firstValue("RateLimit-Limit")).contains("2");
	}

	@Test
	void listsByCursor() {
		for (int i = 0; i < 3; i++) {
			create("ledger:read");
		}
		JsonNode first = json(api.get(KEYS + "?limit=2", manager));
		assertThat(first.get("items")).hasSize(2);
		String cursor = first.get("nextCursor").asString();
		JsonNode second = json(api.get(KEYS + "?limit=2&cursor=" + cursor, manager));
		assertThat(second.get("items")).hasSize(1);
		assertThat(second.get("nextCursor").isNull()).isTrue();
		assertThat(api.get(KEYS + "?cursor=bogus", manager).statusCode()).isEqualTo(400);
	}

	// ---- signed requests

	@Test
	void aSigningKeyMustSignAndEverySignatureIsCheckedOnce() {
		Issued signing = create(Map.of("name", "Signer", "scopes", List.of("keys:read", "keys:manage", "ledger:read"),
				"signing", true));
		assertThat(signing.signingSecret()).matches("octsig_[0-9A-Za-z]{43}");
		assertThat(code(withKey(WHOAMI, signing.key()))).isEqualTo("signature_missing");

		Signed whoami = sign(signing, "GET", WHOAMI, "", Map.of(), Instant.now());
		assertThat(send(signing, whoami).statusCode()).isEqualTo(200);
		HttpResponse<String> replay = send(signing, whoami);
		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(code(replay)).isEqualTo("nonce_replayed");

		// the controller still gets the body the signature covered
		String body = "{\"name\":\"Made by a signed request\",\"scopes\":[\"ledger:read\"]}";
		Signed post = sign(signing, "POST", KEYS, body, Map.of(), Instant.now());
		HttpResponse<String> created = send(signing, post);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(json(created).get("apiKey").get("name").asString()).isEqualTo("Made by a signed request");
		// a body sent in chunks (no Content-Length) is read and covered all the same; a
		// request without Content-Length or Transfer-Encoding has none (the GETs above)
		Signed chunked = sign(signing, "POST", KEYS, body.replace("Made by", "Chunked by"), Map.of(), Instant.now());
		HttpRequest.Builder chunkedRequest = http.request(chunked.pathAndQuery())
			.header("Authorization", "Bearer " + signing.key())
			.header("Content-Type", "application/json")
			.method("POST",
					HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(chunked.body())));
		chunked.headers().forEach(chunkedRequest::header);
		HttpResponse<String> chunkedCreated = http.send(chunkedRequest);
		assertThat(chunkedCreated.statusCode()).as(chunkedCreated.body()).isEqualTo(201);
		assertThat(json(chunkedCreated).get("apiKey").get("name").asString()).isEqualTo("Chunked by a signed request");
		Signed chunkedTampered = sign(signing, "POST", KEYS, body, Map.of(), Instant.now());
		HttpRequest.Builder tamperedChunks = http.request(chunkedTampered.pathAndQuery())
			.header("Authorization", "Bearer " + signing.key())
			.header("Content-Type", "application/json")
			.method("POST", HttpRequest.BodyPublishers
				.fromPublisher(HttpRequest.BodyPublishers.ofString(body.replace("Made", "Forged"))));
		chunkedTampered.headers().forEach(tamperedChunks::header);
		assertThat(code(http.send(tamperedChunks))).isEqualTo("digest_mismatch");

		Signed tamperedBody = sign(signing, "POST", KEYS, body, Map.of(), Instant.now());
		assertThat(code(send(signing, tamperedBody.withBody(body.replace("Made", "Forged")))))
			.isEqualTo("digest_mismatch");
		Signed tamperedPath = sign(signing, "GET", WHOAMI, "", Map.of(), Instant.now());
		assertThat(code(send(signing, tamperedPath.withPath(KEYS)))).isEqualTo("signature_invalid");
		Signed tamperedQuery = sign(signing, "GET", KEYS + "?limit=1", "", Map.of(), Instant.now());
		assertThat(code(send(signing, tamperedQuery.withPath(KEYS + "?limit=2")))).isEqualTo("signature_invalid");
		Signed tamperedHeader = sign(signing, "GET", WHOAMI, "", Map.of("x-tenant-id", tenant.toString()),
				Instant.now());
		assertThat(code(send(signing, tamperedHeader.withHeader("x-tenant-id", UUID.randomUUID().toString()))))
			.isEqualTo("signature_invalid");
		Signed uncoveredHeader = sign(signing, "GET", WHOAMI, "", Map.of(), Instant.now());
		assertThat(code(send(signing, uncoveredHeader.withHeader("x-tenant-id", tenant.toString()))))
			.isEqualTo("signature_invalid");
		assertThat(
				send(signing, sign(signing, "GET", WHOAMI, "", Map.of("x-tenant-id", tenant.toString()), Instant.now()))
					.statusCode())
			.as("a covered x-tenant-id")
			.isEqualTo(200);

		Signed old = sign(signing, "GET", WHOAMI, "", Map.of(), Instant.now().minusSeconds(700));
		assertThat(code(send(signing, old))).isEqualTo("signature_expired");
		Signed future = sign(signing, "GET", WHOAMI, "", Map.of(), Instant.now().plusSeconds(400));
		assertThat(code(send(signing, future))).isEqualTo("signature_expired");

		// a refused signature burns no nonce
		Signed valid = sign(signing, "GET", WHOAMI, "", Map.of(), Instant.now());
		assertThat(code(send(signing, valid.withPath(KEYS)))).isEqualTo("signature_invalid");
		assertThat(send(signing, valid).statusCode()).isEqualTo(200);

		// a key without a signing secret cannot sign
		Issued plain = create("ledger:read");
		assertThat(code(send(plain, sign(new Issued(plain.keyId(), plain.key(), "octsig_" + "x".repeat(43)), "GET",
				WHOAMI, "", Map.of(), Instant.now()))))
			.isEqualTo("signature_invalid");
	}

	@Test
	void aTenantCanRequireSignaturesForAllItsKeys() {
		Issued plain = create("ledger:read");
		assertThat(withKey(WHOAMI, plain.key()).statusCode()).isEqualTo(200);
		HttpResponse<String> policy = http.send(http.request(KEYS + "/signing-policy")
			.header(ApiTestSupport.CREDENTIAL, manager)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"requireSignatures\":true}")));
		assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
		assertThat(code(withKey(WHOAMI, plain.key()))).as("the cached key follows the policy at once")
			.isEqualTo("signature_missing");
		Issued created = create("ledger:read");
		assertThat(created.signingSecret()).as("new keys sign while the policy is on").isNotNull();
		assertThat(send(created, sign(created, "GET", WHOAMI, "", Map.of(), Instant.now())).statusCode())
			.isEqualTo(200);
	}

	@Test
	void aReplayedSignedReadGetsTheRefusalAndNothingOfTheAnswer() {
		Issued signing = create(Map.of("name", "Reader", "scopes", List.of("keys:read"), "signing", true));

		// far more than the response buffer, streamed and flushed by the handler
		Signed stream = sign(signing, "GET", GatewayProbeController.STREAM + "?kib=256", "", Map.of(), Instant.now());
		HttpResponse<String> answered = send(signing, stream);
		assertThat(answered.statusCode()).isEqualTo(203);
		assertThat(answered.headers().firstValue(GatewayProbeController.HANDLER_HEADER)).contains("stream");
		assertThat(answered.body()).startsWith(GatewayProbeController.LINE).hasSizeGreaterThan(255 * 1024);
		assertNothingOfTheAnswer(send(signing, stream), 401, "nonce_replayed");

		Signed list = sign(signing, "GET", KEYS, "", Map.of(), Instant.now());
		assertThat(send(signing, list).body()).contains(signing.keyId());
		HttpResponse<String> listReplayed = send(signing, list);
		assertNothingOfTheAnswer(listReplayed, 401, "nonce_replayed");
		assertThat(listReplayed.body()).doesNotContain(signing.keyId());

		// no body at all: the gateway awaits the nonce once the handler returned
		Signed empty = sign(signing, "GET", GatewayProbeController.EMPTY, "", Map.of(), Instant.now());
		assertThat(send(signing, empty).statusCode()).isEqualTo(204);
		assertNothingOfTheAnswer(send(signing, empty), 401, "nonce_replayed");
	}

	@Test
	void aReplayedSignedWriteIsRefusedBeforeItRuns() {
		Issued signing = create(Map.of("name", "Writer", "scopes", List.of("keys:read", "keys:manage", "ledger:read"),
				"signing", true));
		String name = "Once " + UUID.randomUUID();
		Signed post = sign(signing, "POST", KEYS, "{\"name\":\"" + name + "\",\"scopes\":[\"ledger:read\"]}", Map.of(),
				Instant.now());
		assertThat(send(signing, post).statusCode()).isEqualTo(201);
		HttpResponse<String> postReplayed = send(signing, post);
		assertThat(postReplayed.statusCode()).isEqualTo(401);
		assertThat(code(postReplayed)).isEqualTo("nonce_replayed");
		assertThat(keysNamed(name)).as("the replay made no second key").isEqualTo(1);

		Signed put = sign(signing, "PUT", KEYS + "/signing-policy", "{\"requireSignatures\":true}", Map.of(),
				Instant.now());
		assertThat(send(signing, put).statusCode()).isEqualTo(200);
		HttpResponse<String> off = http.send(http.request(KEYS + "/signing-policy")
			.header(ApiTestSupport.CREDENTIAL, manager)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"requireSignatures\":false}")));
		assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
		HttpResponse<String> putReplayed = send(signing, put);
		assertThat(putReplayed.statusCode()).isEqualTo(401);
		assertThat(code(putReplayed)).isEqualTo("nonce_replayed");
		assertThat(json(api.get(KEYS + "/signing-policy", manager)).get("requireSignatures").asBoolean())
			.as("the replay did not turn the policy back on")
			.isFalse();
	}

	@Test
	void signedRequestsOutliveRedisClosingTheNonceConnections() {
		Issued signing = create(Map.of("name", "Reconnects", "scopes", List.of("ledger:read"), "signing", true));
		assertThat(send(signing, sign(signing, "GET", WHOAMI, "", Map.of(), Instant.now())).statusCode())
			.isEqualTo(200);
		// as after a restart or a failover of Redis: the idle nonce connections are dead
		List<RedisClientInfo> nonceConnections = nonceConnections();
		assertThat(nonceConnections).isNotEmpty();
		nonceConnections.forEach((client) -> {
			String[] address = client.get("addr").split(":");
			redis.execute((RedisCallback<Void>) (connection) -> {
				connection.serverCommands().killClient(address[0], Integer.parseInt(address[1]));
				return null;
			});
		});
		Signed again = sign(signing, "GET", WHOAMI, "", Map.of(), Instant.now());
		assertThat(send(signing, again).statusCode()).isEqualTo(200);
		assertThat(code(send(signing, again))).isEqualTo("nonce_replayed");
	}

	@Test
	void signedRequestsRefusedBeforeTheirNonceWasAwaitedGiveTheConnectionBack() {
		Issued signing = create(Map.of("name", "Wrong tenant", "scopes", List.of("ledger:read"), "signing", true));
		String otherTenant = api.activeTenant("Other").toString();
		for (int i = 0; i < 20; i++) {
			// the nonce is sent once the signature verified, the tenant refused after
			// that
			Signed wrongTenant = sign(signing, "GET", WHOAMI, "", Map.of(GatewayFilter.TENANT_ID, otherTenant),
					Instant.now());
			assertThat(code(send(signing, wrongTenant))).isEqualTo("tenant_mismatch");
		}
		assertThat(nonceConnections()).as("one connection, reused, not one left open per refusal").hasSizeLessThan(4);
	}

	private List<RedisClientInfo> nonceConnections() {
		return redis.execute((RedisCallback<List<RedisClientInfo>>) (connection) -> connection.serverCommands()
			.getClientList()
			.stream()
			.filter((client) -> "octavia-nonces".equals(client.getName()))
			.toList());
	}

	@Test
	void withoutRedisSignedReadsAndWritesFailClosed() throws IOException {
		Issued signing = create(Map.of("name", "No Redis", "scopes", List.of("keys:read", "keys:manage", "ledger:read"),
				"signing", true));
		// a second node (sharing the database) reaches Redis through a relay, cut once it
		// runs
		try (RedisRelay relay = new RedisRelay(
				environment.getRequiredProperty("spring.data.redis.port", Integer.class));
				ConfigurableApplicationContext second = new SpringApplicationBuilder(OctaviaCoreApplication.class).run(
						"--server.port=0", "--octavia.roles=api",
						"--spring.modulith.events.republish-outstanding-events-on-restart=false",
						"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + relay.port(),
						"--spring.data.redis.timeout=1s")) {
			relay.close();
			int otherPort = ((WebServerApplicationContext) second).getWebServer().getPort();
			TestHttp other = new TestHttp(otherPort);

			Signed read = sign(otherPort, signing, "GET", GatewayProbeController.STREAM + "?kib=256", "", Map.of(),
					Instant.now());
			assertNothingOfTheAnswer(send(other, signing, read), 500, "internal_error");

			String name = "Never " + UUID.randomUUID();
			Signed write = sign(otherPort, signing, "POST", KEYS,
					"{\"name\":\"" + name + "\",\"scopes\":[\"ledger:read\"]}", Map.of(), Instant.now());
			HttpResponse<String> refused = send(other, signing, write);
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(500);
			assertThat(code(refused)).isEqualTo("internal_error");
			assertThat(keysNamed(name)).isZero();
		}
	}

	/** The gateway's problem, and no status, header or byte of the handler's answer. */
	private static void assertNothingOfTheAnswer(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(code(response)).isEqualTo(code);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue(GatewayFilter.REQUEST_ID)).isPresent();
		assertThat(response.headers().firstValue("X-Content-Type-Options")).as("the security headers stay")
			.contains("nosniff");
		assertThat(response.headers().firstValue(GatewayProbeController.HANDLER_HEADER)).isEmpty();
		assertThat(response.body()).doesNotContain("handler-body").hasSizeLessThan(2048);
	}

	/** How many of the tenant's keys are named so (the list, as the manager sees it). */
	private long keysNamed(String name) {
		HttpResponse<String> list = api.get(KEYS, manager);
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		return json(list).get("items").valueStream().filter((key) -> key.get("name").asString().equals(name)).count();
	}

	@Test
	void theDocumentedOpensslAndCurlScriptIsAccepted() throws IOException, InterruptedException {
		Issued signing = create(
				Map.of("name", "Script", "scopes", List.of("keys:manage", "ledger:read"), "signing", true));
		List<String> get = script(signing,
				Map.of("METHOD", "GET", "REQUEST_PATH", WHOAMI, "TENANT_ID", tenant.toString()));
		assertThat(get.getLast()).as(String.join("\n", get)).isEqualTo("200");
		assertThat(String.join("\n", get)).contains(signing.keyId());

		List<String> post = script(signing, Map.of("METHOD", "POST", "REQUEST_PATH", KEYS, "QUERY", "source=script",
				"BODY", "{\"name\":\"From the script\",\"scopes\":[\"ledger:read\"]}"));
		assertThat(post.getLast()).as(String.join("\n", post)).isEqualTo("201");
	}

	private List<String> script(Issued key, Map<String, String> environment) throws IOException, InterruptedException {
		Path root = Path.of(System.getenv().getOrDefault("OCTAVIA_ROOT", ".."));
		ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("scripts/signed-request.sh").toString(), "-w",
				"\\n%{http_code}")
			.redirectErrorStream(true);
		builder.environment().put("OCTAVIA_URL", "http://localhost:" + port);
		builder.environment().put("OCTAVIA_API_KEY", key.key());
		builder.environment().put("OCTAVIA_SIGNING_SECRET", key.signingSecret());
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return List.of(output.strip().split("\n"));
	}

	@Test
	void aRevocationReachesASecondNodeWithinOneSecond() {
		Issued issued = create("ledger:read");
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(OctaviaCoreApplication.class).run(
				"--server.port=0", "--octavia.roles=api",
				"--spring.modulith.events.republish-outstanding-events-on-restart=false",
				// without the invalidation message this node would keep the key for 10
				// minutes
				"--octavia.gateway.api-key-cache-ttl=10m")) {
			TestHttp other = new TestHttp(((WebServerApplicationContext) second).getWebServer().getPort());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> other.get(WHOAMI, "X-Api-Key", issued.key()).statusCode() == 200);

			assertThat(api.post(KEYS + "/" + issued.keyId() + "/revoke", manager, "").statusCode()).isEqualTo(200);
			long revokedAt = System.nanoTime();
			await().atMost(Duration.ofSeconds(1))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> other.get(WHOAMI, "X-Api-Key", issued.key()).statusCode() == 401);
			assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(1));
			assertThat(code(other.get(WHOAMI, "X-Api-Key", issued.key()))).isEqualTo("api_key_revoked");
		}
	}

	// ---- signing as a client does, written out independently of the server's code

	record Signed(String method, String pathAndQuery, String body, Map<String, String> headers) {

		Signed withBody(String other) {
			return new Signed(method, pathAndQuery, other, headers);
		}

		Signed withPath(String other) {
			return new Signed(method, other, body, headers);
		}

		Signed withHeader(String name, String value) {
			Map<String, String> changed = new LinkedHashMap<>(headers);
			changed.put(name, value);
			return new Signed(method, pathAndQuery, body, changed);
		}

	}

	private Signed sign(Issued key, String method, String pathAndQuery, String body, Map<String, String> claims,
			Instant created) {
		return sign(port, key, method, pathAndQuery, body, claims, created);
	}

	/**
	 * Signed for the server at {@code serverPort}, the signature covers the authority.
	 */
	private static Signed sign(int serverPort, Issued key, String method, String pathAndQuery, String body,
			Map<String, String> claims, Instant created) {
		try {
			String digest = "sha-256=:" + Base64.getEncoder()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)))
					+ ":";
			int question = pathAndQuery.indexOf('?');
			String path = (question < 0) ? pathAndQuery : pathAndQuery.substring(0, question);
			String query = (question < 0) ? "?" : pathAndQuery.substring(question);
			List<String> components = new ArrayList<>(
					List.of("\"@method\"", "\"@authority\"", "\"@path\"", "\"@query\"", "\"content-digest\""));
			StringBuilder base = new StringBuilder().append("\"@method\": ")
				.append(method)
				.append("\n\"@authority\": localhost:")
				.append(serverPort)
				.append("\n\"@path\": ")
				.append(path)
				.append("\n\"@query\": ")
				.append(query)
				.append("\n\"content-digest\": ")
				.append(digest);
			for (String claim : List.of("x-tenant-id", "x-brand-id")) {
				if (claims.containsKey(claim)) {
					components.add("\"" + claim + "\"");
					base.append("\n\"").append(claim).append("\": ").append(claims.get(claim));
				}
			}
			long createdSeconds = created.getEpochSecond();
			String params = "(" + String.join(" ", components) + ");created=" + createdSeconds + ";expires="
					+ (createdSeconds + 300) + ";keyid=\"" + key.keyId() + "\";nonce=\""
					+ UUID.randomUUID().toString().replace("-", "") + "\";alg=\"hmac-sha256\"";
			base.append("\n\"@signature-params\": ").append(params);
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.signingSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			String signature = Base64.getEncoder()
				.encodeToString(mac.doFinal(base.toString().getBytes(StandardCharsets.UTF_8)));
			Map<String, String> headers = new LinkedHashMap<>(claims);
			headers.put("Content-Digest", digest);
			headers.put("Signature-Input", "sig1=" + params);
			headers.put("Signature", "sig1=:" + signature + ":");
			return new Signed(method, pathAndQuery, body, headers);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> send(Issued key, Signed signed) {
		return send(http, key, signed);
	}

	private static HttpResponse<String> send(TestHttp http, Issued key, Signed signed) {
		HttpRequest.Builder request = http.request(signed.pathAndQuery())
			.header("Authorization", "Bearer " + key.key())
			.method(signed.method(), signed.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(signed.body()));
		if (!signed.body().isEmpty()) {
			request.header("Content-Type", "application/json");
		}
		signed.headers().forEach(request::header);
		return http.send(request);
	}

}
