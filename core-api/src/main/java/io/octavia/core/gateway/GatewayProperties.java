package io.octavia.core.gateway;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's in-process caches of tenant status, brands and brand hostnames.
 *
 * @param cacheTtl how long an entry is used before it is read again; on the node that
 * changes a tenant or brand the entry is dropped at once, other nodes see the change
 * after at most this long
 * @param cacheSize most tenants (and, separately, hostnames) kept
 */
@Validated
@ConfigurationProperties("octavia.gateway")
record GatewayProperties(@DefaultValue("5s") @DurationMin(millis = 1) Duration cacheTtl,
		@DefaultValue("10000") @Positive int cacheSize) {
}
