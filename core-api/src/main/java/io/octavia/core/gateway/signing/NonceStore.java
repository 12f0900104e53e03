package io.octavia.core.gateway.signing;

import java.time.Duration;

import io.octavia.core.platform.DomainProblem;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Each signature nonce is accepted once per key, on every node: Redis
 * {@code SET octavia:sig-nonce:<keyId>:<nonce> 1 NX EX 900}, longer than any signature
 * can be valid (its lifetime plus the clock skew on both sides). Without Redis a signed
 * request fails (the store fails closed): accepting a replay is worse than refusing.
 */
@Component
public class NonceStore {

	static final Duration RETENTION = Duration.ofSeconds(900);

	private final StringRedisTemplate redis;

	NonceStore(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * @throws DomainProblem 401 {@code nonce_replayed} when the nonce was seen before
	 */
	public void accept(String keyId, String nonce) {
		Boolean fresh = redis.opsForValue().setIfAbsent("octavia:sig-nonce:" + keyId + ":" + nonce, "1", RETENTION);
		if (!Boolean.TRUE.equals(fresh)) {
			throw new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "nonce_replayed");
		}
	}

}
