package io.octavia.core.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.CachedBodyRequest;
import io.octavia.core.apikeys.ApiKeyFormat;
import io.octavia.core.apikeys.ApiKeyVerification;
import io.octavia.core.apikeys.VerifiedApiKey;
import io.octavia.core.gateway.signing.NonceReservation;
import io.octavia.core.gateway.signing.NonceStore;
import io.octavia.core.gateway.signing.RequestSignatures;
import io.octavia.core.platform.DomainProblem;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * API keys ({@code Authorization: Bearer oct_...} or {@code X-Api-Key}), in this order:
 * shape and checksum (offline: a mistyped key costs no lookup), the key from the cache
 * (else one database lookup), status, expiry and the IP allow-list on every request, then
 * the request signature when the key or its tenant requires one or the request carries
 * one, and last the nonce. The nonce is only reserved here (sent to Redis, not awaited):
 * the {@link GatewayFilter} awaits the {@link NonceReservation} it finds in
 * {@link #NONCE} before the request can change or reveal anything. The caller acts for
 * the key's tenant (and brand, if the key is restricted to one) with the key's scopes as
 * authorities, as {@code key:<keyId>}.
 */
@Component
@Order(5)
class ApiKeyAuthenticator implements Authenticator {

	/** The key's own requests per minute, for {@link RateLimiting}. */
	static final String RATE_LIMIT = ApiKeyAuthenticator.class.getName() + ".rateLimitPerMinute";

	/** The signed request's {@link NonceReservation}, for the {@link GatewayFilter}. */
	static final String NONCE = ApiKeyAuthenticator.class.getName() + ".nonce";

	static final String API_KEY_HEADER = "X-Api-Key";

	private static final String BEARER = "Bearer ";

	private final ApiKeyVerification verification;

	private final ApiKeyCache cache;

	private final NonceStore nonces;

	ApiKeyAuthenticator(ApiKeyVerification verification, ApiKeyCache cache, NonceStore nonces) {
		this.verification = verification;
		this.cache = cache;
		this.nonces = nonces;
	}

	@Override
	public Optional<AuthenticatedCaller> authenticate(HttpServletRequest request) {
		String presented = presentedKey(request);
		if (presented == null) {
			return Optional.empty();
		}
		ApiKeyFormat.ParsedKey parsed = ApiKeyFormat.parse(presented).orElseThrow(() -> refused("api_key_invalid"));
		VerifiedApiKey key = cache.get(verification.fingerprint(presented),
				(fingerprint) -> verification.lookup(parsed));
		if (key == null) {
			throw refused("api_key_invalid");
		}
		Instant now = Instant.now();
		switch (key.statusAt(now)) {
			case REVOKED -> throw refused("api_key_revoked");
			case EXPIRED -> throw refused("api_key_expired");
			case ACTIVE -> {
			}
		}
		String address = request.getRemoteAddr();
		if (!key.allows(address)) {
			throw new DomainProblem(DomainProblem.Kind.FORBIDDEN, "api_key_ip_blocked");
		}
		RequestSignatures.Headers headers = (name) -> header(request, name);
		if (RequestSignatures.signed(headers)) {
			if (key.signingSecret() == null) {
				throw refused("signature_invalid");
			}
			RequestSignatures.Verified signature = RequestSignatures.verify(signedRequest(request, headers),
					key.keyId(), key.signingSecret(), now);
			// only now: callers who cannot sign must not be able to write nonces
			request.setAttribute(NONCE, nonces.reserve(key.keyId(), signature.nonce()));
		}
		else if (key.signatureRequired()) {
			throw refused("signature_missing");
		}
		verification.recordUse(key.keyId(), address);
		if (key.rateLimitPerMinute() != null) {
			request.setAttribute(RATE_LIMIT, key.rateLimitPerMinute());
		}
		return Optional
			.of(new AuthenticatedCaller(key.tenantId(), key.brandId(), null, "key:" + key.keyId(), key.scopes()));
	}

	/**
	 * The key, when the request presents one; a bearer value not starting oct_ is a JWT.
	 */
	private static @Nullable String presentedKey(HttpServletRequest request) {
		String header = request.getHeader(API_KEY_HEADER);
		if (header != null) {
			return header.strip();
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			String value = authorization.substring(BEARER.length()).strip();
			if (value.startsWith("oct_")) {
				return value;
			}
		}
		return null;
	}

	/** The gateway made the body re-readable when the request carries a signature. */
	private static RequestSignatures.SignedRequest signedRequest(HttpServletRequest request,
			RequestSignatures.Headers headers) {
		try {
			byte[] body = (request instanceof CachedBodyRequest cached) ? cached.body()
					: request.getInputStream().readAllBytes();
			String host = request.getHeader(HttpHeaders.HOST);
			return new RequestSignatures.SignedRequest(request.getMethod(), (host != null) ? host : "",
					request.getRequestURI(), request.getQueryString(), headers, body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static @Nullable String header(HttpServletRequest request, String name) {
		var values = Collections.list(request.getHeaders(name));
		return values.isEmpty() ? null : String.join(", ", values);
	}

	private static DomainProblem refused(String code) {
		return new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, code);
	}

}
