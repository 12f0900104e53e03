import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * The gateway's JWT hot path, configured as JwtAuthenticator configures it (ES256 allow-list,
 * key selection by kid from an in-memory JWK set with two published keys, issuer, audience,
 * required claims, clock skew), timed per call after a warm-up; then the lookup that serves a
 * token seen before from JwtAuthenticator's cache of verified tokens.
 *   java -cp <jar libs> JwtValidationBench.java [ITERATIONS]
 */
public class JwtValidationBench {

	public static void main(String[] args) throws Exception {
		int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
		ECKey active = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
		ECKey retired = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
		JWKSet published = new JWKSet(List.of(active.toPublicJWK(), retired.toPublicJWK()));

		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256), new ImmutableJWKSet<>(published)));
		DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
				new HashSet<>(List.of("octavia-api")), new JWTClaimsSet.Builder().issuer("http://localhost:8080").build(),
				new HashSet<>(List.of("sub", "exp", "iat", "actor_type")), null);
		verifier.setMaxClockSkew(30);
		processor.setJWTClaimsSetVerifier(verifier);

		Date now = new Date();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(active.getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer("http://localhost:8080")
					.subject(UUID.randomUUID().toString())
					.audience("octavia-api")
					.issueTime(now)
					.notBeforeTime(now)
					.expirationTime(new Date(now.getTime() + 600_000))
					.claim("tenant_id", UUID.randomUUID().toString())
					.claim("actor_type", "user")
					.claim("permissions", List.of("audit:read", "brands:read", "clients:manage", "keys:manage"))
					.build());
		jwt.sign(new ECDSASigner(active));
		String token = jwt.serialize();

		for (int i = 0; i < 10_000; i++) {
			processor.process(token, null);
		}
		long[] nanos = new long[iterations];
		for (int i = 0; i < iterations; i++) {
			long start = System.nanoTime();
			processor.process(token, null);
			nanos[i] = System.nanoTime() - start;
		}
		report("jwt-validation (verify)", nanos);

		// the repeated token: JwtAuthenticator's cache of verified tokens
		Cache<String, Object> verified = Caffeine.newBuilder().maximumSize(10_000).build();
		verified.put(token, processor.process(token, null));
		for (int i = 0; i < 200_000; i++) {
			verified.getIfPresent(token);
		}
		for (int i = 0; i < iterations; i++) {
			long start = System.nanoTime();
			verified.getIfPresent(token);
			nanos[i] = System.nanoTime() - start;
		}
		report("jwt-validation (cached)", nanos);
	}

	private static void report(String name, long[] nanos) {
		Arrays.sort(nanos);
		int n = nanos.length;
		System.out.printf("%s: %d calls, p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n", name, n,
				nanos[n / 2] / 1e3, nanos[(int) (n * 0.9)] / 1e3, nanos[(int) (n * 0.99)] / 1e3,
				nanos[(int) (n * 0.999)] / 1e3, nanos[n - 1] / 1e3);
	}

}
