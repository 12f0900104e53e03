package io.octavia.core.gateway;

import java.util.Optional;

import io.octavia.core.platform.TenantId;

/**
 * Which rate-limit plan a tenant is on, by name of a plan in
 * {@code octavia.gateway.rate-limits.plans}. Declare a bean to provide it (billing will);
 * without one, and for names without limits, the default plan applies. Asked on every API
 * request: answer from memory.
 */
@FunctionalInterface
public interface RateLimitPlans {

	/** Every tenant on the default plan. */
	RateLimitPlans DEFAULT = tenant -> Optional.empty();

	/**
	 * @return the plan's name, or empty for the default plan
	 */
	Optional<String> planOf(TenantId tenant);

}
