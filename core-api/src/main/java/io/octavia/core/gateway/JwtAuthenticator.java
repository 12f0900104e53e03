package io.octavia.core.gateway;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import io.octavia.core.authserver.RevokedAuthorizations;
import io.octavia.core.authserver.SigningKeys;
import io.octavia.core.authserver.TokenIssuer;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Bearer access tokens issued by the built-in authorization server, verified in process
 * against its published keys (no HTTP round trip): ES256 only (so neither {@code none}
 * nor an HMAC keyed with the public key), a known {@code kid}, our issuer, the API
 * audience, {@code exp} and {@code nbf} with a small clock skew. A bearer credential that
 * fails any check, or whose authorization was revoked ({@link RevokedAuthorizations}), is
 * refused with {@code invalid_token} and an RFC 6750 challenge; it never falls through to
 * another authenticator. A {@code brand_id} claim binds the caller to that brand.
 */
@Component
@Order(10)
class JwtAuthenticator implements Authenticator {

	private static final String BEARER = "Bearer ";

	// three base64url parts; the signature may be empty (alg "none" is still a JWT, and
	// refused)
	private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

	private final TokenIssuer issuer;

	private final String audience;

	private final int clockSkewSeconds;

	private final JWSVerificationKeySelector<SecurityContext> keySelector;

	private final RevokedAuthorizations revoked;

	private volatile @Nullable DefaultJWTProcessor<SecurityContext> processor;

	// A client repeats its token for minutes; an ES256 verification costs a few hundred
	// microseconds, a lookup of the exact same token string a few hundred nanoseconds.
	// Only verified tokens are kept, each for at most a minute and never past its expiry.
	private final Cache<String, Verified> verified = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(1))
		.build();

	private record Verified(AuthenticatedCaller caller, Instant expiresAt, @Nullable String authorization) {
	}

	JwtAuthenticator(SigningKeys keys, TokenIssuer issuer, RevokedAuthorizations revoked,
			@Value("${octavia.authserver.audience:octavia-api}") String audience,
			@Value("${octavia.authserver.clock-skew:30s}") Duration clockSkew) {
		this.issuer = issuer;
		this.audience = audience;
		this.clockSkewSeconds = (int) clockSkew.toSeconds();
		this.keySelector = new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256), keys.publishedKeys());
		this.revoked = revoked;
	}

	@Override
	public Optional<AuthenticatedCaller> authenticate(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Optional.empty();
		}
		String token = authorization.substring(BEARER.length()).strip();
		if (!JWT.matcher(token).matches()) {
			return Optional.empty();
		}
		Verified cached = verified.getIfPresent(token);
		if (cached == null) {
			cached = verify(token);
			verified.put(token, cached);
		}
		if (!Instant.now().isBefore(cached.expiresAt().plusSeconds(clockSkewSeconds))) {
			throw new InvalidBearerToken("The access token expired");
		}
		if (cached.authorization() != null && revoked.isRevoked(cached.authorization())) {
			throw new InvalidBearerToken("The access token was revoked");
		}
		return Optional.of(cached.caller());
	}

	private Verified verify(String token) {
		JWTClaimsSet claims;
		try {
			claims = processor().process(token, null);
		}
		catch (ParseException ex) {
			throw new InvalidBearerToken("The access token is malformed");
		}
		catch (BadJWTException ex) {
			// Nimbus says which claim failed; its words may quote values, ours do not
			String message = String.valueOf(ex.getMessage());
			throw new InvalidBearerToken(message.contains("Expired") ? "The access token expired"
					: message.contains("before use") ? "The access token is not valid yet"
							: "The access token was not issued by this issuer for this API");
		}
		catch (BadJOSEException | JOSEException ex) {
			throw new InvalidBearerToken("The access token signature or key is not accepted");
		}
		try {
			return new Verified(caller(claims), claims.getExpirationTime().toInstant(),
					claims.getStringClaim(RevokedAuthorizations.CLAIM));
		}
		catch (ParseException ex) {
			throw new InvalidBearerToken("The access token is malformed");
		}
	}

	private AuthenticatedCaller caller(JWTClaimsSet claims) {
		try {
			String subject = claims.getSubject();
			String tenant = claims.getStringClaim("tenant_id");
			String brand = claims.getStringClaim("brand_id");
			boolean user = "user".equals(claims.getStringClaim("actor_type"));
			List<String> permissions = claims.getStringListClaim("permissions");
			TenantId tenantId = (tenant != null) ? TenantId.of(tenant) : null;
			UserId userId = user ? UserId.of(subject) : null;
			String actor = (user ? "user:" : "client:") + subject;
			BrandId brandId = (brand != null && tenantId != null) ? BrandId.of(brand) : null;
			return new AuthenticatedCaller(tenantId, brandId, userId, actor,
					(permissions != null) ? Set.copyOf(new HashSet<>(permissions)) : Set.of());
		}
		catch (ParseException | IllegalArgumentException ex) {
			throw new InvalidBearerToken("The access token claims are malformed");
		}
	}

	/**
	 * Built on first use: without a configured issuer it is known once the server runs.
	 */
	private DefaultJWTProcessor<SecurityContext> processor() {
		DefaultJWTProcessor<SecurityContext> current = processor;
		if (current == null) {
			current = new DefaultJWTProcessor<>();
			current.setJWSKeySelector(keySelector);
			DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
					new HashSet<>(List.of(audience)), new JWTClaimsSet.Builder().issuer(issuer.issuer()).build(),
					new HashSet<>(List.of("sub", "exp", "iat", "actor_type")), null);
			verifier.setMaxClockSkew(clockSkewSeconds);
			current.setJWTClaimsSetVerifier(verifier);
			processor = current;
		}
		return current;
	}

}
