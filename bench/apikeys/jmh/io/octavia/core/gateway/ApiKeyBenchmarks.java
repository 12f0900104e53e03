package io.octavia.core.gateway;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.octavia.core.api.CachedBodyRequest;
import io.octavia.core.apikeys.ApiKeyFormat;
import io.octavia.core.apikeys.ApiKeyMode;
import io.octavia.core.apikeys.ApiKeyStatus;
import io.octavia.core.apikeys.ApiKeyVerification;
import io.octavia.core.apikeys.IpRange;
import io.octavia.core.apikeys.VerifiedApiKey;
import io.octavia.core.apikeys.internal.KeyHashes;
import io.octavia.core.apikeys.internal.LastUse;
import io.octavia.core.gateway.signing.NonceStore;
import io.octavia.core.gateway.signing.RequestSignatures;
import io.octavia.core.gateway.signing.UnrecordedNonces;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.crypto.EnvelopeEncryption;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The per-request work of API keys in the gateway, timed per call (SampleTime: percentiles),
 * with the application's own classes (bench/apikeys/jmh.sh compiles this next to the unpacked
 * jar, in the gateway's package, so that it builds ApiKeyAuthenticator as Spring does):
 * <ul>
 * <li>{@code cachedKey}: {@code ApiKeyAuthenticator.authenticate} for a key already in the
 * cache: header, shape and checksum, the keyed hash (HMAC-SHA-256) that is the cache key, the
 * Caffeine hit (a hit means the hash matched), status, expiry, a two-range IP allow-list, last
 * use recorded in memory, the caller built;</li>
 * <li>{@code signatureVerify}: {@code RequestSignatures.verify} of a signed POST with a 1 KiB
 * body and x-tenant-id: parameters parsed, time window, content digest (SHA-256 of the body),
 * signature base, HMAC-SHA256, constant-time compares; no nonce;</li>
 * <li>{@code signedKey}: both together as the gateway runs them for a signed request (wrapped in
 * the gateway's CachedBodyRequest, the body read from it), the nonce store left out;</li>
 * <li>{@code nonceRedis}: the production {@code NonceStore.reserve(…).await()} (SET NX EX 900) against the
 * Redis at REDIS_HOST:REDIS_PORT (127.0.0.1:6379), one fresh nonce per call; only this one fails when no
 * Redis answers.</li>
 * </ul>
 * The key cache's time to live is an hour here (60 s in the application) so that no entry
 * expires during a run: a miss would be a database lookup, which this does not measure.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ApiKeyBenchmarks {

	static final String PEPPER = Base64.getEncoder().encodeToString(new byte[32]);

	static final TenantId TENANT = new TenantId(UUID.randomUUID());

	ApiKeyAuthenticator plainAuthenticator;

	ApiKeyAuthenticator signingAuthenticator;

	MockHttpServletRequest plainRequest;

	MockHttpServletRequest signedRequest;

	byte[] signedBody;

	RequestSignatures.SignedRequest signedParts;

	String signingKeyId;

	String signingSecret;

	Instant signedAt;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		ApiKeyVerification verification = verification();
		ApiKeyCache cache = new ApiKeyCache(null, Duration.ofHours(1));
		List<IpRange> allowList = List.of(IpRange.parse("10.0.0.0/8").orElseThrow(),
				IpRange.parse("127.0.0.0/8").orElseThrow());
		Set<String> scopes = Set.of("brands:read", "keys:read", "ledger:read", "tenant:read");
		Instant expires = Instant.now().plus(Duration.ofDays(30));

		String plainKey = ApiKeyFormat.newKey(ApiKeyMode.LIVE);
		String plainId = ApiKeyFormat.parse(plainKey).orElseThrow().keyId();
		cache.get(verification.fingerprint(plainKey), (fingerprint) -> Optional.of(new VerifiedApiKey(plainId, TENANT,
				null, ApiKeyMode.LIVE, scopes, ApiKeyStatus.ACTIVE, expires, allowList, null, null, false)));
		plainAuthenticator = new ApiKeyAuthenticator(verification, cache, new UnrecordedNonces());
		plainRequest = new MockHttpServletRequest("GET", "/api/v1/meta");
		plainRequest.setRemoteAddr("127.0.0.1");
		plainRequest.addHeader("Authorization", "Bearer " + plainKey);

		String signingKey = ApiKeyFormat.newKey(ApiKeyMode.LIVE);
		signingKeyId = ApiKeyFormat.parse(signingKey).orElseThrow().keyId();
		signingSecret = ApiKeyFormat.newSigningSecret();
		cache.get(verification.fingerprint(signingKey),
				(fingerprint) -> Optional.of(new VerifiedApiKey(signingKeyId, TENANT, null, ApiKeyMode.LIVE, scopes,
						ApiKeyStatus.ACTIVE, expires, allowList, null, signingSecret, true)));
		signingAuthenticator = new ApiKeyAuthenticator(verification, cache, new UnrecordedNonces());

		byte[] body = body(1024);
		signedAt = Instant.now();
		long created = signedAt.getEpochSecond();
		String params = "(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\" \"x-tenant-id\")"
				+ ";created=" + created + ";expires=" + (created + 60) + ";keyid=\"" + signingKeyId
				+ "\";nonce=\"bEnChMaRkNoNcE_0123456789\";alg=\"hmac-sha256\"";
		String digest = RequestSignatures.contentDigest(body);
		java.util.Map<String, String> headers = java.util.Map.of("content-digest", digest, "x-tenant-id",
				TENANT.toString(), "signature-input", "sig1=" + params);
		RequestSignatures.SignedRequest unsigned = new RequestSignatures.SignedRequest("POST", "api.example.com",
				"/api/v1/ledgers/entries", "dry_run=true", headers::get, body);
		String base = RequestSignatures.signatureBase(unsigned,
				List.of("@method", "@authority", "@path", "@query", "content-digest", "x-tenant-id"), params);
		String signature = "sig1=:" + Base64.getEncoder().encodeToString(RequestSignatures.hmac(signingSecret, base))
				+ ":";
		java.util.Map<String, String> signedHeaders = new java.util.HashMap<>(headers);
		signedHeaders.put("signature", signature);
		signedParts = new RequestSignatures.SignedRequest("POST", "api.example.com", "/api/v1/ledgers/entries",
				"dry_run=true", signedHeaders::get, body);
		signedBody = body;
		signedRequest = new MockHttpServletRequest("POST", "/api/v1/ledgers/entries");
		signedRequest.setQueryString("dry_run=true");
		signedRequest.setRemoteAddr("127.0.0.1");
		signedRequest.addHeader("Host", "api.example.com");
		signedRequest.addHeader("Authorization", "Bearer " + signingKey);
		signedRequest.addHeader("Content-Type", "application/json");
		signedRequest.addHeader("x-tenant-id", TENANT.toString());
		signedRequest.addHeader("Content-Digest", digest);
		signedRequest.addHeader("Signature-Input", "sig1=" + params);
		signedRequest.addHeader("Signature", signature);

		// fail here rather than time an exception
		plainAuthenticator.authenticate(plainRequest).orElseThrow();
		signedKey();
		RequestSignatures.verify(signedParts, signingKeyId, signingSecret, signedAt);

	}

	@Benchmark
	public Object cachedKey() {
		return plainAuthenticator.authenticate(plainRequest);
	}

	@Benchmark
	public Object signatureVerify() {
		return RequestSignatures.verify(signedParts, signingKeyId, signingSecret, signedAt);
	}

	@Benchmark
	public Object signedKey() {
		// as GatewayFilter hands a signed request on: its body read once, readable again
		return signingAuthenticator.authenticate(new CachedBodyRequest(signedRequest, signedBody)).orElseThrow();
	}

	@Benchmark
	public void nonceRedis(Redis redis) {
		redis.nonces.reserve(signingKeyId, nonce()).await();
	}

	/** Only for nonceRedis, so that the other benchmarks run without Redis. */
	@State(Scope.Benchmark)
	public static class Redis {

		NonceStore nonces;

		LettuceConnectionFactory connections;

		@Setup(Level.Trial)
		public void connect() throws ReflectiveOperationException {
			connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
					System.getenv().getOrDefault("REDIS_HOST", "127.0.0.1"),
					Integer.parseInt(System.getenv().getOrDefault("REDIS_PORT", "6379"))));
			connections.afterPropertiesSet();
			connections.start();
			nonces = construct(NonceStore.class, new Class<?>[] { LettuceConnectionFactory.class }, connections);
			nonces.reserve("benchmark", nonce()).await();
		}

		@TearDown(Level.Trial)
		public void close() {
			connections.destroy();
		}

	}

	private static String nonce() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
	}

	private static ApiKeyVerification verification() throws ReflectiveOperationException {
		// as Spring builds them; no database: every key is in the cache
		KeyHashes hashes = construct(KeyHashes.class, new Class<?>[] { String.class }, PEPPER);
		LastUse lastUse = construct(LastUse.class,
				new Class<?>[] { org.springframework.jdbc.core.simple.JdbcClient.class }, (Object) null);
		return construct(ApiKeyVerification.class,
				new Class<?>[] { org.springframework.jdbc.core.simple.JdbcClient.class, KeyHashes.class,
						EnvelopeEncryption.class, LastUse.class },
				null, hashes, null, lastUse);
	}

	private static <T> T construct(Class<T> type, Class<?>[] parameters, Object... arguments)
			throws ReflectiveOperationException {
		Constructor<T> constructor = type.getDeclaredConstructor(parameters);
		constructor.setAccessible(true);
		return constructor.newInstance(arguments);
	}

	private static byte[] body(int size) {
		StringBuilder json = new StringBuilder("{\"account\":\"4711\",\"amount\":100,\"memo\":\"");
		while (json.length() < size - 2) {
			json.append('x');
		}
		return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
	}

}
