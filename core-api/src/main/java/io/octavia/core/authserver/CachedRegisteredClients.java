package io.octavia.core.authserver;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Registered clients by client id, kept in memory for a few seconds: the token endpoint
 * authenticates a client on every request, and reading one is a query plus the JSON of
 * its settings. A change drops the entry at once on the node that made it; other nodes
 * see a new secret or a deleted client within {@link #TTL}. Unknown client ids are not
 * remembered, so a new client works everywhere at once.
 */
class CachedRegisteredClients implements RegisteredClientRepository {

	static final Duration TTL = Duration.ofSeconds(5);

	private final RegisteredClientRepository delegate;

	private final Cache<String, RegisteredClient> byClientId = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(TTL)
		.build();

	CachedRegisteredClients(RegisteredClientRepository delegate) {
		this.delegate = delegate;
	}

	@Override
	public void save(RegisteredClient client) {
		delegate.save(client);
		byClientId.invalidate(client.getClientId());
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		return delegate.findById(id);
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		RegisteredClient cached = byClientId.getIfPresent(clientId);
		if (cached != null) {
			return cached;
		}
		RegisteredClient client = delegate.findByClientId(clientId);
		if (client != null) {
			byClientId.put(clientId, client);
		}
		return client;
	}

	void forget(String clientId) {
		byClientId.invalidate(clientId);
	}

}
