package io.octavia.core.identity;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static io.octavia.core.api.ApiTestSupport.fieldErrors;
import static io.octavia.core.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A tenant's external identity provider over the API and through the domain, against the
 * real servers: configuration with a sealed, write-only secret, validation, isolation
 * between tenants, the narrow sign-in lookups and just-in-time membership.
 */
@OctaviaIntegrationTest
class IdentityProviderApiIntegrationTests {

	static final String WRITE = "tenant:read,tenant:write";

	static final String SECRET = "s3cret-value-that-must-never-leak";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	IdentityManagement identity;

	@Autowired
	IdentityProviderManagement providers;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	TenantId a;

	TenantId b;

	String domain;

	@BeforeEach
	void twoTenants() {
		a = api().activeTenant("Federation A");
		b = api().activeTenant("Federation B");
		domain = "b-" + Ids.newId().toString().substring(24) + ".example.com";
	}

	@Test
	void aDomainIsVerifiedByItsDnsRecordAndHeldVerifiedByOneTenantOnly() {
		String adminOfB = ApiTestSupport.tenantCaller(b, WRITE);
		HttpResponse<String> added = api().post("/api/v1/identity-provider/domains", adminOfB,
				"{\"domain\":\" @" + domain.toUpperCase() + " \"}");
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		assertThat(json(added).get("domain").asString()).isEqualTo(domain);
		assertThat(json(added).get("verified").asBoolean()).isFalse();
		assertThat(json(added).get("recordName").asString()).isEqualTo("_octavia-challenge." + domain);
		String record = json(added).get("recordValue").asString();
		assertThat(record).startsWith("octavia-verification=").hasSizeGreaterThan(40);
		assertThat(api().post("/api/v1/identity-provider/domains", adminOfB, "{\"domain\":\"" + domain + "\"}")
			.statusCode()).isEqualTo(409);
		assertThat(
				api().post("/api/v1/identity-provider/domains", adminOfB, "{\"domain\":\"not a domain\"}").statusCode())
			.isEqualTo(400);

		// nothing published yet, then a wrong value: not verified, but counted
		HttpResponse<String> missing = api().post("/api/v1/identity-provider/domains/" + domain + "/verify", adminOfB,
				"");
		assertThat(missing.statusCode()).isEqualTo(422);
		assertThat(json(missing).get("code").asString()).isEqualTo("email_domain_record_missing");
		TestDnsServer.publish("_octavia-challenge." + domain, "v=spf1 -all", "octavia-verification=wrong");
		assertThat(api().post("/api/v1/identity-provider/domains/" + domain + "/verify", adminOfB, "").statusCode())
			.isEqualTo(422);
		HttpResponse<String> listed = api().get("/api/v1/identity-provider/domains",
				ApiTestSupport.tenantCaller(b, "tenant:read"));
		assertThat(json(listed).get(0).get("attempts").asInt()).isEqualTo(2);
		assertThat(json(listed).get(0).get("lastCheckedAt").isNull()).isFalse();

		TestDnsServer.publish("_octavia-challenge." + domain, "v=spf1 -all", record);
		HttpResponse<String> verified = api().post("/api/v1/identity-provider/domains/" + domain + "/verify", adminOfB,
				"");
		assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
		assertThat(json(verified).get("verified").asBoolean()).isTrue();
		assertThat(json(verified).get("verifiedAt").isNull()).isFalse();

		// tenant A may list the same domain and even publish its own record, but cannot
		// hold it verified while B does
		String adminOfA = ApiTestSupport.tenantCaller(a, WRITE);
		HttpResponse<String> addedByA = api().post("/api/v1/identity-provider/domains", adminOfA,
				"{\"domain\":\"" + domain + "\"}");
		assertThat(addedByA.statusCode()).isEqualTo(201);
		assertThat(json(addedByA).get("recordValue").asString()).isNotEqualTo(record);
		TestDnsServer.publish("_octavia-challenge." + domain, record, json(addedByA).get("recordValue").asString());
		HttpResponse<String> claimed = api().post("/api/v1/identity-provider/domains/" + domain + "/verify", adminOfA,
				"");
		assertThat(claimed.statusCode()).isEqualTo(409);
		assertThat(json(claimed).get("code").asString()).isEqualTo("email_domain_claimed");
		assertThat(api().get("/api/v1/identity-provider/domains", adminOfA).body()).contains("\"verified\":false");
		assertThat(api().get("/api/v1/identity-provider/domains", adminOfA).body()).doesNotContain(record);
		assertThat(api()
			.post("/api/v1/identity-provider/domains/" + domain + "/verify",
					ApiTestSupport.tenantCaller(a, "tenant:read"), "")
			.statusCode()).isEqualTo(403);

		// once B gives it up, A can verify it
		assertThat(api().delete("/api/v1/identity-provider/domains/" + domain, adminOfB).statusCode()).isEqualTo(204);
		assertThat(api().delete("/api/v1/identity-provider/domains/" + domain, adminOfB).statusCode()).isEqualTo(404);
		assertThat(api().post("/api/v1/identity-provider/domains/" + domain + "/verify", adminOfA, "").statusCode())
			.isEqualTo(200);
		TestDnsServer.unpublish("_octavia-challenge." + domain);
	}

	@Test
	void configuresReadsAndRemovesTheProviderWithAWriteOnlySecret() {
		String admin = ApiTestSupport.tenantCaller(b, WRITE);
		assertThat(api().get("/api/v1/identity-provider", admin).statusCode()).isEqualTo(404);

		HttpResponse<String> created = put(admin, body("https://login.example.com/", SECRET, null));
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.body()).doesNotContain(SECRET);
		assertThat(json(created).get("issuerUrl").asString()).as("no trailing slash")
			.isEqualTo("https://login.example.com");
		assertThat(json(created).get("jitRole").asString()).isEqualTo("viewer");
		assertThat(json(created).get("clientSecretSet").asBoolean()).isTrue();
		assertThat(json(created).get("allowedDomains").get(0).asString()).isEqualTo(domain);

		String sealed = sealedSecret(b);
		assertThat(sealed).isNotBlank().doesNotContain(SECRET);

		HttpResponse<String> read = api().get("/api/v1/identity-provider",
				ApiTestSupport.tenantCaller(b, "tenant:read"));
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).doesNotContain(SECRET).doesNotContain(sealed);

		// no secret: the stored one stays
		HttpResponse<String> renamed = put(admin, body("https://login.example.com", null, "developer"));
		assertThat(renamed.statusCode()).isEqualTo(200);
		assertThat(json(renamed).get("jitRole").asString()).isEqualTo("developer");
		assertThat(sealedSecret(b)).isEqualTo(sealed);
		assertThat(providers.forSignIn(b).orElseThrow().clientSecret()).isEqualTo(SECRET);

		assertThat(api().delete("/api/v1/identity-provider", admin).statusCode()).isEqualTo(204);
		assertThat(api().get("/api/v1/identity-provider", admin).statusCode()).isEqualTo(404);
		assertThat(api().delete("/api/v1/identity-provider", admin).statusCode()).isEqualTo(404);

		// every change is in the tenant's audit log, never with the secret
		await().untilAsserted(
				() -> assertThat(audit(b, "action")).containsExactlyInAnyOrder("tenant.identity_provider_configured",
						"tenant.identity_provider_configured", "tenant.identity_provider_removed"));
		assertThat(String.join(" ", audit(b, "coalesce(after_summary::text, '')"))).doesNotContain(SECRET);
	}

	@Test
	void refusesInvalidConfigurationsFieldByField() {
		String admin = ApiTestSupport.tenantCaller(b, WRITE);
		HttpResponse<String> refused = put(admin,
				ApiTestSupport.json(Map.of("displayName", "", "issuerUrl", "http://login.example.com", "clientId",
						"octavia", "allowedDomains", List.of("not a domain"), "jitRole", "owner")));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(fieldErrors(refused)).containsOnlyKeys("displayName", "issuerUrl", "clientSecret", "allowedDomains",
				"jitRole");
		assertThat(put(admin, body("https://login.example.com?x=1", SECRET, null)).statusCode()).isEqualTo(400);
		assertThat(put(admin, body("ftp://login.example.com", SECRET, null)).statusCode()).isEqualTo(400);
		assertThat(put(admin, body("http://localhost:8080", SECRET, null)).statusCode()).as("localhost may use http")
			.isEqualTo(200);
	}

	@Test
	void anotherTenantCanNeitherReadNorChangeIt() {
		assertThat(put(ApiTestSupport.tenantCaller(b, WRITE), body("https://login.example.com", SECRET, null))
			.statusCode()).isEqualTo(200);

		String adminOfA = ApiTestSupport.tenantCaller(a, WRITE);
		assertThat(api().get("/api/v1/identity-provider", adminOfA).statusCode()).isEqualTo(404);
		assertThat(api().delete("/api/v1/identity-provider", adminOfA).statusCode()).isEqualTo(404);
		assertThat(api().get("/api/v1/identity-provider?tenantId=" + b, adminOfA).statusCode()).isEqualTo(404);
		assertThat(put(ApiTestSupport.tenantCaller(b, "tenant:read"), body("https://evil.example.com", SECRET, null))
			.statusCode()).as("tenant:read cannot change it").isEqualTo(403);
		assertThat(put(ApiTestSupport.operator("tenants:read,tenants:write"),
				body("https://evil.example.com", SECRET, null))
			.statusCode()).as("tenant scope only").isEqualTo(403);
		assertThat(api().get("/api/v1/identity-provider", null).statusCode()).isEqualTo(401);

		assertThat(providers.forSignIn(b).orElseThrow().issuerUrl()).isEqualTo("https://login.example.com");
		// the app role cannot read another tenant's row even with a tenant scope
		assertThat(
				TenantContext.<Long>call(TenantContext.Scope.tenant(a, "test"),
						() -> transactions.execute(status -> jdbc.queryForObject(
								"SELECT count(*) FROM identity_provider WHERE tenant_id = ?", Long.class, b.value()))))
			.isZero();
	}

	@Test
	void theSignInFindsEnabledProvidersByTenantAndByDomainOnly() {
		String admin = ApiTestSupport.tenantCaller(b, WRITE);
		put(admin, body("https://login.example.com", SECRET, null));
		assertThat(providers.forEmail("someone@" + domain)).as("not before the domain is verified").isEmpty();
		assertThat(providers.forSignIn(b).orElseThrow().allowedDomains()).isEmpty();
		verify(b, domain);
		assertThat(providers.forSignIn(b)).isPresent();
		assertThat(providers.forSignIn(a)).isEmpty();
		assertThat(providers.forEmail("Someone@" + domain.toUpperCase())).singleElement()
			.satisfies(provider -> assertThat(provider.tenantId()).isEqualTo(b));
		assertThat(providers.forEmail("someone@other-" + domain)).isEmpty();
		assertThat(providers.forEmail("no-at-sign")).isEmpty();
		assertThat(providers.forSignIn(b).orElseThrow().toString()).doesNotContain(SECRET);

		Map<String, Object> disabled = new java.util.HashMap<>(
				ApiTestSupport.JSON.readValue(body("https://login.example.com", null, null), Map.class));
		disabled.put("enabled", false);
		assertThat(put(admin, ApiTestSupport.json(disabled)).statusCode()).isEqualTo(200);
		assertThat(providers.forSignIn(b)).isEmpty();
		assertThat(providers.forEmail("someone@" + domain)).isEmpty();
	}

	@Test
	void verifiedAddressesOfAllowedDomainsJoinJustInTime() {
		put(ApiTestSupport.tenantCaller(b, WRITE), body("https://login.example.com", SECRET, "developer"));
		String newcomer = "new-" + Ids.newId() + "@" + domain;
		assertThatThrownBy(() -> join(b, newcomer, true, null)).as("the domain is not verified yet")
			.isInstanceOfSatisfying(DomainProblem.class,
					problem -> assertThat(problem.code()).isEqualTo("federation_domain_not_allowed"));
		verify(b, domain);

		UserSummary created = join(b, newcomer.toUpperCase(), true, "New Comer");
		assertThat(created.email()).isEqualTo(newcomer);
		assertThat(created.displayName()).isEqualTo("New Comer");
		assertThat(identity.profile(created.id()).emailVerified()).isTrue();
		assertThat(jdbc.queryForObject("SELECT password_hash IS NULL FROM user_account WHERE user_id = ?",
				Boolean.class, created.id().value()))
			.isTrue();
		assertThat(identity.membershipsOf(created.id())).singleElement().satisfies(membership -> {
			assertThat(membership.tenantId()).isEqualTo(b);
			assertThat(membership.role()).isEqualTo(TenantRole.DEVELOPER);
		});
		// a second sign-in changes nothing
		assertThat(join(b, newcomer, true, null).id()).isEqualTo(created.id());
		assertThat(identity.membershipsOf(created.id())).hasSize(1);

		// an existing account (a member of another tenant) is linked by its verified
		// address
		UserSummary existing = identity.createUser("old-" + Ids.newId() + "@" + domain, "Old", "pw-" + Ids.newId());
		TenantContext.run(TenantContext.Scope.tenant(a, "test"),
				() -> identity.addMember(a, existing.id(), TenantRole.OWNER));
		assertThat(join(b, existing.email(), true, "Ignored").id()).isEqualTo(existing.id());
		assertThat(identity.membershipsOf(existing.id())).extracting(Membership::tenantId).containsExactly(a, b);
		// later the subject decides, whatever address the provider reports
		assertThat(join(b, "sub-" + existing.email(), "renamed@elsewhere.example.org", false, null).id())
			.isEqualTo(existing.id());
		// another identity at the provider with the address of a linked account is
		// refused
		assertThatThrownBy(() -> join(b, "sub-other", existing.email(), true, null)).isInstanceOfSatisfying(
				DomainProblem.class, problem -> assertThat(problem.code()).isEqualTo("federation_account_linked"));
		// the link is the tenant's: the same subject through another tenant's provider is
		// nobody there
		assertThat(
				TenantContext.<Long>call(TenantContext.Scope.tenant(a, "test"),
						() -> transactions.execute(status -> jdbc.queryForObject(
								"SELECT count(*) FROM identity_federated_link WHERE user_id = ?", Long.class,
								existing.id().value()))))
			.isZero();

		assertThatThrownBy(() -> join(b, "x-" + Ids.newId() + "@" + domain, false, null)).isInstanceOfSatisfying(
				DomainProblem.class, problem -> assertThat(problem.code()).isEqualTo("federation_email_unverified"));
		assertThatThrownBy(() -> join(b, "x@elsewhere.example.org", true, null)).isInstanceOfSatisfying(
				DomainProblem.class, problem -> assertThat(problem.code()).isEqualTo("federation_domain_not_allowed"));
		assertThatThrownBy(() -> join(a, "x@" + domain, true, null)).isInstanceOfSatisfying(DomainProblem.class,
				problem -> assertThat(problem.code()).isEqualTo("identity_provider_not_found"));

		identity.changeAccountStatus(existing.id(), UserStatus.DISABLED);
		assertThatThrownBy(() -> join(b, existing.email(), true, null)).isInstanceOfSatisfying(DomainProblem.class,
				problem -> assertThat(problem.code()).isEqualTo("account_disabled"));
	}

	/** A sign-in through the provider of the identity whose subject is its address. */
	private UserSummary join(TenantId tenant, String email, boolean verified, String name) {
		return join(tenant, "sub-" + email.toLowerCase(java.util.Locale.ROOT), email, verified, name);
	}

	private UserSummary join(TenantId tenant, String subject, String email, boolean verified, String name) {
		return providers
			.joinJustInTime(tenant,
					new FederatedIdentity("https://login.example.com", subject, email, verified, name,
							java.util.Set.of()))
			.user();
	}

	/** Proves the tenant's domain the way a tenant does: the DNS record, then verify. */
	private void verify(TenantId tenant, String name) {
		TenantContext.run(TenantContext.Scope.tenant(tenant, "test"), () -> {
			EmailDomain pending = providers.domains(tenant)
				.stream()
				.filter(candidate -> candidate.domain().equals(name))
				.findFirst()
				.orElseGet(() -> providers.addDomain(tenant, name));
			TestDnsServer.publish(pending.recordName(), pending.recordValue());
			providers.verifyDomain(tenant, name);
		});
	}

	private List<String> audit(TenantId tenant, String column) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), () -> transactions
			.execute(status -> jdbc.queryForList("SELECT " + column
					+ " FROM audit_record WHERE tenant_id = ? AND action LIKE 'tenant.identity_provider_%' ORDER BY occurred_at",
					String.class, tenant.value())));
	}

	private String sealedSecret(TenantId tenant) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> transactions.execute(
						status -> jdbc.queryForObject("SELECT sealed_secret FROM identity_provider WHERE tenant_id = ?",
								String.class, tenant.value())));
	}

	private HttpResponse<String> put(String credential, String json) {
		return api().put("/api/v1/identity-provider", credential, "application/json",
				json.getBytes(StandardCharsets.UTF_8));
	}

	private String body(String issuer, String secret, String role) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("displayName", "Example SSO", "issuerUrl", issuer,
				"clientId", "octavia", "allowedDomains", List.of(" @" + domain.toUpperCase() + " ")));
		if (secret != null) {
			body.put("clientSecret", secret);
		}
		if (role != null) {
			body.put("jitRole", role);
		}
		return ApiTestSupport.json(body);
	}

	private ApiTestSupport api() {
		return new ApiTestSupport(port, tenants);
	}

}
