package io.octavia.core.apikeys.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.platform.TenantContext;
import io.octavia.core.tenancy.TenantPurged;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes a purged tenant's keys and signing policy (a closed tenant's keys are already
 * refused by the gateway). Safe to run again for the same tenant.
 */
@Component
class ApiKeyRetention {

	private static final Logger log = LoggerFactory.getLogger(ApiKeyRetention.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	ApiKeyRetention(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	// the tenant's scope is bound before the transaction begins
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(TenantPurged event) {
		TenantContext.run(TenantContext.Scope.forEvent(event.metadata(), "system:apikeys"), () -> {
			Integer deleted = transactions.execute(status -> {
				jdbc.sql("DELETE FROM api_key_policy WHERE tenant_id = ?").param(event.tenantId().value()).update();
				return jdbc.sql("DELETE FROM api_key WHERE tenant_id = ?").param(event.tenantId().value()).update();
			});
			log.info("Deleted {} API key(s) of purged tenant {}", deleted, event.tenantId());
		});
	}

}
