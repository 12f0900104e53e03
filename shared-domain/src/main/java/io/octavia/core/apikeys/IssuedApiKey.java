package io.octavia.core.apikeys;

import org.jspecify.annotations.Nullable;

/**
 * A key just made, with the secrets shown this once: the platform keeps only a hash of
 * the key and the signing secret sealed.
 *
 * @param key the full key, {@code oct_live_...}
 * @param signingSecret {@code octsig_...}, when the key signs its requests
 */
public record IssuedApiKey(ApiKey apiKey, String key, @Nullable String signingSecret) {
}
