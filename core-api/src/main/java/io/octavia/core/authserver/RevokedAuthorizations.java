package io.octavia.core.authserver;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Authorizations revoked before their access tokens expire (a refresh token presented
 * twice): the gateway refuses those tokens too, by their {@code authorization_id} claim.
 * Shared in a Redis sorted set (member the authorization id, score its end); every node
 * keeps a copy in memory and re-reads it every
 * {@code octavia.authserver.revocation-refresh} (2 s), so a request pays one lookup in a
 * small in-memory set, never a network call. The revoking node sees its revocation at
 * once; the others within the refresh interval.
 */
@Component
public class RevokedAuthorizations {

	/** The access-token claim that names the token's authorization. */
	public static final String CLAIM = "authorization_id";

	private static final String KEY = "octavia:authserver:revoked-authorizations";

	private static final Logger log = LoggerFactory.getLogger(RevokedAuthorizations.class);

	private final StringRedisTemplate redis;

	private final Duration remembered;

	private volatile Set<String> revoked = Set.of();

	RevokedAuthorizations(StringRedisTemplate redis, AuthorizationServerProperties properties,
			@Value("${octavia.authserver.clock-skew:30s}") Duration clockSkew) {
		this.redis = redis;
		// an access token issued just before the revocation lives this long at most
		this.remembered = properties.accessTokenLifetime().plus(clockSkew);
	}

	public boolean isRevoked(String authorizationId) {
		return revoked.contains(authorizationId);
	}

	// synchronized with refresh(): a read of Redis from before the revocation must not
	// overwrite it here
	synchronized void revoke(String authorizationId) {
		Set<String> withIt = new HashSet<>(revoked);
		withIt.add(authorizationId);
		revoked = Set.copyOf(withIt);
		try {
			redis.opsForZSet().add(KEY, authorizationId, Instant.now().plus(remembered).toEpochMilli());
		}
		catch (DataAccessException ex) {
			// this node refuses the tokens anyway; the others until they expire cannot
			// know
			log.error("Could not share the revocation of authorization {}: {}", authorizationId, ex.getMessage());
		}
	}

	@Scheduled(fixedDelayString = "${octavia.authserver.revocation-refresh:2s}")
	synchronized void refresh() {
		try {
			long now = Instant.now().toEpochMilli();
			redis.opsForZSet().removeRangeByScore(KEY, 0, now);
			Set<String> current = redis.opsForZSet().rangeByScore(KEY, now, Double.POSITIVE_INFINITY);
			revoked = (current != null) ? Set.copyOf(current) : Set.of();
		}
		catch (DataAccessException ex) {
			// keep the last known set: Redis comes back, the tokens expire meanwhile
			log.warn("Could not read the revoked authorizations: {}", ex.getMessage());
		}
	}

}
