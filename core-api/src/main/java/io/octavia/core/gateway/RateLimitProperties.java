package io.octavia.core.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API rate limits per plan: each tenant and each credential gets a budget of requests per
 * period, refilled evenly. Which plan a tenant is on comes from {@link RateLimitPlans}.
 *
 * @param defaultPlan the plan of tenants whose plan is unknown or has no limits here
 * @param plans limits by plan name
 * @param anonymous per client address, for requests without a credential (sign-in forms,
 * public pages, brand assets), so they cannot be used to flood the platform
 * @param limitAnonymous whether {@code anonymous} applies (off only to measure the
 * gateway against an unlimited baseline)
 */
@Validated
@ConfigurationProperties("octavia.gateway.rate-limits")
record RateLimitProperties(@NotNull @Valid Plan defaultPlan, @DefaultValue Map<String, @Valid Plan> plans,
		@NotNull @Valid Limit anonymous, @DefaultValue("true") boolean limitAnonymous) {

	/**
	 * @param tenant shared by every caller of one tenant
	 * @param credential per credential (API key, user session, token)
	 */
	record Plan(@NotNull @Valid Limit tenant, @NotNull @Valid Limit credential) {
	}

	/**
	 * @param requests how many requests a period allows, also the largest burst
	 * @param period the time in which a spent budget is refilled completely
	 */
	record Limit(@Positive long requests, @NotNull @DurationMin(millis = 1) Duration period) {

		long periodMicros() {
			return period.toNanos() / 1000;
		}

	}

	Plan plan(Optional<String> name) {
		return name.map(plans::get).orElse(defaultPlan);
	}

}
