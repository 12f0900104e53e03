package io.octavia.core.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.apikeys.ApiKeyPolicyChanged;
import io.octavia.core.apikeys.ApiKeyRevoked;
import io.octavia.core.apikeys.ApiKeyRotated;
import io.octavia.core.apikeys.VerifiedApiKey;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Verified API keys by the keyed hash of the key, so a steady-state request makes no
 * database or Redis round trip for its key: bounded, each entry kept at most
 * {@code octavia.gateway.api-key-cache-ttl} (60 s). A revocation, rotation or policy
 * change empties the affected entries on this node at commit and on every other node
 * through Redis pub/sub (channel {@value #CHANNEL}) — within milliseconds, where the time
 * to live is only the fallback for a missed message.
 */
@Component
public class ApiKeyCache implements MessageListener {

	static final String CHANNEL = "octavia:api-keys:invalidate";

	private static final Logger log = LoggerFactory.getLogger(ApiKeyCache.class);

	private final Cache<String, VerifiedApiKey> keys;

	private final StringRedisTemplate redis;

	// counts invalidations, so a load that raced with one is not kept
	private final AtomicLong invalidations = new AtomicLong();

	ApiKeyCache(StringRedisTemplate redis, @Value("${octavia.gateway.api-key-cache-ttl:60s}") Duration ttl) {
		this.redis = redis;
		this.keys = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(ttl).build();
	}

	/**
	 * The key cached under its fingerprint, else loaded (and kept when found).
	 * @return null when the loader finds no key with this id and hash
	 */
	public @Nullable VerifiedApiKey get(String fingerprint, Function<String, Optional<VerifiedApiKey>> loader) {
		VerifiedApiKey cached = keys.getIfPresent(fingerprint);
		if (cached != null) {
			return cached;
		}
		long before = invalidations.get();
		VerifiedApiKey loaded = loader.apply(fingerprint).orElse(null);
		if (loaded != null) {
			keys.put(fingerprint, loaded);
			if (invalidations.get() != before) {
				// an invalidation ran while this was loaded: it may be stale, keep
				// nothing
				keys.invalidate(fingerprint);
			}
		}
		return loaded;
	}

	@TransactionalEventListener
	void on(ApiKeyRevoked revoked) {
		invalidateEverywhere("key:" + revoked.keyId());
	}

	@TransactionalEventListener
	void on(ApiKeyRotated rotated) {
		invalidateEverywhere("key:" + rotated.keyId());
	}

	@TransactionalEventListener
	void on(ApiKeyPolicyChanged changed) {
		invalidateEverywhere("tenant:" + changed.tenantId());
	}

	private void invalidateEverywhere(String what) {
		invalidate(what);
		try {
			redis.convertAndSend(CHANNEL, what);
		}
		catch (DataAccessException ex) {
			log.warn("Other nodes keep {} cached until their time to live ends: Redis cannot be reached ({})", what,
					ex.getMessage());
		}
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		invalidate(new String(message.getBody(), StandardCharsets.UTF_8));
	}

	/** {@code key:<keyId>} or {@code tenant:<tenantId>}. */
	void invalidate(String what) {
		invalidations.incrementAndGet();
		if (what.startsWith("key:")) {
			String keyId = what.substring(4);
			keys.asMap().values().removeIf(key -> key.keyId().equals(keyId));
		}
		else if (what.startsWith("tenant:")) {
			String tenant = what.substring(7);
			keys.asMap().values().removeIf(key -> key.tenantId().toString().equals(tenant));
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Subscription {

		@Bean
		RedisMessageListenerContainer apiKeyInvalidations(RedisConnectionFactory connections, ApiKeyCache cache) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(connections);
			container.addMessageListener(cache, new ChannelTopic(CHANNEL));
			return container;
		}

	}

}
