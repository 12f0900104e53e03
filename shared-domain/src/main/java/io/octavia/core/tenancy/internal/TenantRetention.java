package io.octavia.core.tenancy.internal;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges tenants whose retention period after closing is over: each becomes
 * {@code purged}, and the {@link io.octavia.core.tenancy.TenantPurged} event tells every
 * module to delete its rows of the tenant. Runs on worker nodes where
 * {@code octavia.tenancy.purge.enabled} is true. Several nodes may run it at once: the
 * transition locks the tenant's row, and the loser finds it purged already.
 */
@Component
@ConditionalOnExpression("${octavia.tenancy.purge.enabled:true} and '${octavia.roles:api,console,worker}'.contains('worker')")
class TenantRetention {

	static final String ACTOR = "system:tenancy-retention";

	private static final Logger log = LoggerFactory.getLogger(TenantRetention.class);

	private final Tenants tenants;

	private final CrossTenantAccess crossTenant;

	private final TenancyProperties properties;

	TenantRetention(Tenants tenants, CrossTenantAccess crossTenant, TenancyProperties properties) {
		this.tenants = tenants;
		this.crossTenant = crossTenant;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${octavia.tenancy.purge.interval:1h}",
			initialDelayString = "${octavia.tenancy.purge.interval:1h}")
	void purgeExpired() {
		Instant cutoff = Instant.now().minus(properties.retention());
		List<TenantId> due;
		try {
			due = crossTenant.call(ACTOR, "retention purge: find tenants closed before " + cutoff,
					() -> tenants.closedBefore(cutoff, properties.purge().batchSize()));
		}
		catch (RuntimeException ex) {
			log.warn("Retention purge could not look for due tenants; will retry: {}", ex.getMessage());
			return;
		}
		// each purge in the tenant's own scope: it touches that tenant's row only
		due.forEach(id -> TenantContext.run(TenantContext.Scope.tenant(id, ACTOR), () -> purge(id)));
	}

	private void purge(TenantId id) {
		try {
			tenants.purge(id);
			log.info("Purged tenant {} after its retention period", id);
		}
		catch (DomainProblem problem) {
			// another node purged it first
			log.debug("Tenant {} not purged here: {}", id, problem.code());
		}
		catch (RuntimeException ex) {
			log.warn("Purging tenant {} failed; will retry: {}", id, ex.getMessage());
		}
	}

}
