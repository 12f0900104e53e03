package io.octavia.core.branding.internal;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The in-process cache of brand configurations. Changes made on this node evict at
 * commit; {@code ttl} bounds how long another node may serve a configuration changed
 * elsewhere.
 *
 * @param maxEntries brands kept at most
 * @param ttl how long an entry is served before it is resolved again
 */
@Validated
@ConfigurationProperties("octavia.branding.cache")
record BrandCacheProperties(@DefaultValue("10000") @Min(1) int maxEntries, @DefaultValue("60s") Duration ttl) {
}
