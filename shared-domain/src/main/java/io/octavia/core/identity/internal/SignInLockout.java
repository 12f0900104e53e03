package io.octavia.core.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.DomainProblem;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address in Redis, so every node sees
 * the same counts. Past a limit the account (or address) is locked until a time kept in
 * Redis; a locked sign-in is refused before any password is checked, so a lock also stops
 * the attacker from learning whether a guess was right.
 */
@Component
class SignInLockout {

	private static final String PREFIX = "octavia:identity:lockout:";

	private final StringRedisTemplate redis;

	private final IdentityProperties.Lockout limits;

	private final Clock clock;

	SignInLockout(StringRedisTemplate redis, IdentityProperties properties, Clock identityClock) {
		this.redis = redis;
		this.limits = properties.lockout();
		this.clock = identityClock;
	}

	/**
	 * @throws DomainProblem {@code account_locked} (429) with {@code retryAt} while the
	 * account or the address is locked
	 */
	void refuseIfLocked(String email, @Nullable String clientIp) {
		Optional<Instant> until = lockedUntil(accountKey(email));
		if (until.isEmpty() && clientIp != null) {
			until = lockedUntil(addressKey(clientIp));
		}
		until.ifPresent(SignInLockout::refuse);
	}

	/** Counts a failure; locks the account or the address once it reaches its limit. */
	void failed(String email, @Nullable String clientIp) {
		count(accountKey(email), limits.accountFailures());
		if (clientIp != null) {
			count(addressKey(clientIp), limits.addressFailures());
		}
	}

	/** A successful sign-in forgives the account's failures (not the address's). */
	void succeeded(String email) {
		redis.delete(accountKey(email) + ":failures");
	}

	private void count(String key, int limit) {
		String failures = key + ":failures";
		// the window starts with the first failure; created with its expiry, so no
		// counter
		// outlives it even if this node stops in between
		redis.opsForValue().setIfAbsent(failures, "0", limits.window());
		Long count = redis.opsForValue().increment(failures);
		if (count != null && count >= limit) {
			Instant until = clock.instant().plus(limits.duration());
			// kept a little longer than the lock: the clock decides, Redis only cleans up
			redis.opsForValue()
				.set(key + ":until", Long.toString(until.toEpochMilli()),
						limits.duration().plus(Duration.ofMinutes(1)));
			redis.delete(failures);
		}
	}

	private Optional<Instant> lockedUntil(String key) {
		String until = redis.opsForValue().get(key + ":until");
		if (until == null) {
			return Optional.empty();
		}
		Instant at = Instant.ofEpochMilli(Long.parseLong(until));
		return at.isAfter(clock.instant()) ? Optional.of(at) : Optional.empty();
	}

	private static void refuse(Instant until) {
		throw new DomainProblem(DomainProblem.Kind.TOO_MANY_REQUESTS, "account_locked", List.of(), List.of(),
				Map.of("retryAt", until.toString()));
	}

	private static String accountKey(String email) {
		return PREFIX + "account:" + email.toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String clientIp) {
		return PREFIX + "address:" + clientIp;
	}

}
