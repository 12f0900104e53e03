package io.octavia.core.tenancy.internal;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param retention how long a closed tenant's data is kept before it is purged
 * @param purge the job that purges tenants whose retention is over
 */
@Validated
@ConfigurationProperties("octavia.tenancy")
record TenancyProperties(@DefaultValue("30d") Duration retention, @DefaultValue @Valid Purge purge) {

	/**
	 * @param enabled whether this node runs the job (it also needs the worker role)
	 * @param interval pause between two runs
	 * @param batchSize tenants purged per run at most
	 */
	record Purge(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
			@DefaultValue("100") @Min(1) @Max(10_000) int batchSize) {
	}

}
