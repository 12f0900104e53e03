package io.octavia.core.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.octavia.core.apikeys.ApiKeyMode;
import io.octavia.core.apikeys.ApiKeyStatus;
import io.octavia.core.apikeys.VerifiedApiKey;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-node cache of verified keys, without Redis: loads once, forgets on demand. */
class ApiKeyCacheTests {

	private final ApiKeyCache cache = new ApiKeyCache(null, Duration.ofMinutes(1));

	private final TenantId tenant = new TenantId(Ids.newId());

	private final AtomicInteger loads = new AtomicInteger();

	@Test
	void aVerifiedKeyIsLoadedOnceAndForgottenWhenItsKeyOrTenantIsInvalidated() {
		VerifiedApiKey key = key("AAAAAAAAAAAAAAAA");
		assertThat(cache.get("fp", fp -> load(key))).isEqualTo(key);
		assertThat(cache.get("fp", fp -> load(key))).isEqualTo(key);
		assertThat(loads).hasValue(1);

		cache.invalidate("key:BBBBBBBBBBBBBBBB");
		cache.get("fp", fp -> load(key));
		assertThat(loads).as("another key's invalidation").hasValue(1);

		cache.invalidate("key:AAAAAAAAAAAAAAAA");
		cache.get("fp", fp -> load(key));
		assertThat(loads).hasValue(2);

		cache.invalidate("tenant:" + tenant);
		cache.get("fp", fp -> load(key));
		assertThat(loads).hasValue(3);
	}

	@Test
	void unknownKeysAreNotCachedAndALoadRacingAnInvalidationIsNotKept() {
		assertThat(cache.get("unknown", fp -> {
			loads.incrementAndGet();
			return Optional.empty();
		})).isNull();
		cache.get("unknown", fp -> {
			loads.incrementAndGet();
			return Optional.empty();
		});
		assertThat(loads).hasValue(2);

		VerifiedApiKey key = key("CCCCCCCCCCCCCCCC");
		VerifiedApiKey stale = cache.get("racing", fp -> {
			// the revocation lands while the row is being read
			cache.invalidate("key:CCCCCCCCCCCCCCCC");
			return load(key);
		});
		assertThat(stale).isEqualTo(key);
		cache.get("racing", fp -> load(key));
		assertThat(loads).as("loaded again, not served from the cache").hasValue(4);
	}

	private Optional<VerifiedApiKey> load(VerifiedApiKey key) {
		loads.incrementAndGet();
		return Optional.of(key);
	}

	private VerifiedApiKey key(String keyId) {
		return new VerifiedApiKey(keyId, tenant, null, ApiKeyMode.LIVE, Set.of("ledger:read"), ApiKeyStatus.ACTIVE,
				null, List.of(), null, null, false);
	}

}
