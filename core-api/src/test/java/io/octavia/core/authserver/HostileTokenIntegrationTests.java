package io.octavia.core.authserver;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens an attacker might present at the API: each is refused with a 401
 * {@code invalid_token} problem, and a valid token of one tenant reaches nothing of
 * another.
 */
@OctaviaIntegrationTest
class HostileTokenIntegrationTests {

	private static final String API = "/api/v1/machine-clients";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	IdentityManagement identity;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MachineClients machineClients;

	@Autowired
	SigningKeys signingKeys;

	TestHttp http;

	String issuer;

	TenantId tenant;

	@BeforeEach
	void setUp() {
		http = new TestHttp(port);
		issuer = "http://localhost:" + port;
		tenant = new AuthFixtures(port, tenants, identity, clients, secrets, transactions).activeTenant();
	}

	@Test
	void aWellFormedTokenSignedByTheActiveKeyIsAccepted() throws Exception {
		assertThat(call(signed(claims().build())).statusCode()).isEqualTo(200);
	}

	@Test
	void refusesAnUnsignedToken() {
		String token = new PlainJWT(claims().build()).serialize();
		assertRefused(token);
	}

	@Test
	void refusesHs256KeyedWithThePublicKey() throws Exception {
		byte[] publicKey = signingKeys.signingKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKeys.signingKey().getKeyID()).build(),
				claims().build());
		jwt.sign(new MACSigner(publicKey));
		assertRefused(jwt.serialize());
	}

	@Test
	void refusesExpiredAndNotYetValidTokens() throws Exception {
		Instant now = Instant.now();
		String expired = signed(claims().issueTime(Date.from(now.minusSeconds(3600)))
			.expirationTime(Date.from(now.minusSeconds(120)))
			.build());
		assertRefused(expired);
		assertThat(call(expired).headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer error=\"invalid_token\", error_description=\"The access token expired\"");
		assertRefused(signed(claims().notBeforeTime(Date.from(now.plusSeconds(600))).build()));
	}

	@Test
	void refusesAnotherIssuerAndAnotherAudience() throws Exception {
		assertRefused(signed(claims().issuer("https://evil.example").build()));
		assertRefused(signed(claims().audience("another-api").build()));
		assertRefused(signed(claims().audience(List.of()).build()));
	}

	@Test
	void refusesATamperedPayload() throws Exception {
		String[] parts = signed(claims().build()).split("\\.");
		String forged = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(claims().claim("permissions", List.of("clients:manage", "tenants:write"))
				.build()
				.toString()
				.getBytes(StandardCharsets.UTF_8));
		assertRefused(parts[0] + "." + forged + "." + parts[2]);
	}

	@Test
	void refusesAKeyItDoesNotKnow() throws Exception {
		ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(stranger.getKeyID()).build(),
				claims().build());
		jwt.sign(new ECDSASigner(stranger));
		assertRefused(jwt.serialize());

		// a stranger's key under the real key id
		SignedJWT impostor = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signingKeys.signingKey().getKeyID()).build(),
				claims().build());
		impostor.sign(new ECDSASigner(stranger));
		assertRefused(impostor.serialize());
	}

	@Test
	void refusesGarbageAfterBearerThatLooksLikeAJwt() {
		assertRefused("eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.c2ln");
	}

	@Test
	void aValidTokenOfOneTenantReachesNothingOfAnother() throws Exception {
		TenantId other = new AuthFixtures(port, tenants, identity, clients, secrets, transactions).activeTenant();
		MachineClients.IssuedSecret theirs = machineClients.create(other, "Theirs", Set.of("ledger:read"));
		String token = signed(claims().build());

		HttpResponse<String> read = http.get(API + "/" + theirs.client().clientId(), "Authorization",
				"Bearer " + token);
		assertThat(read.statusCode()).isEqualTo(404);
		assertThat(read.body()).contains("machine_client_not_found");
		HttpResponse<String> rotate = http.post(API + "/" + theirs.client().clientId() + "/secret", "application/json",
				"", "Authorization", "Bearer " + token);
		assertThat(rotate.statusCode()).isEqualTo(404);
		HttpResponse<String> claimed = http.get(API, "Authorization", "Bearer " + token, "x-tenant-id",
				other.toString());
		assertThat(claimed.statusCode()).isEqualTo(403);
		assertThat(call(signed(claims().build())).body()).doesNotContain(theirs.client().clientId());
	}

	private JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer)
			.subject("mc_test")
			.audience("octavia-api")
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim("tenant_id", tenant.toString())
			.claim("actor_type", "client")
			.claim("permissions", List.of("clients:manage"));
	}

	private String signed(JWTClaimsSet claims) throws Exception {
		ECKey key = signingKeys.signingKey();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	private HttpResponse<String> call(String token) {
		return http.get(API, "Authorization", "Bearer " + token);
	}

	private void assertRefused(String token) {
		HttpResponse<String> response = call(token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"code\":\"invalid_token\"");
		// RFC 6750: the challenge names the error and says why, in ASCII without quotes
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(challenge -> assertThat(challenge)
				.matches("Bearer error=\"invalid_token\", error_description=\"[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+\""));
	}

}
