package io.octavia.core.branding.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.platform.TenantContext;
import io.octavia.core.tenancy.TenantPurged;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes a purged tenant's brands, hostnames and logos. The hostnames become free for
 * other tenants. Safe to run again for the same tenant (the outbox may redeliver).
 */
@Component
class BrandRetention {

	private static final Logger log = LoggerFactory.getLogger(BrandRetention.class);

	private final Brands brands;

	private final TransactionTemplate transactions;

	BrandRetention(Brands brands, TransactionTemplate transactions) {
		this.brands = brands;
		this.transactions = transactions;
	}

	// No transaction around the listener: the tenant's scope must be bound before one
	// begins, since the scope is applied to PostgreSQL at transaction begin.
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(TenantPurged event) {
		TenantContext.run(TenantContext.Scope.forEvent(event.metadata(), "system:branding"), () -> {
			Integer deleted = transactions.execute(status -> brands.deleteAllOf(event.tenantId()));
			log.info("Deleted {} brand(s) of purged tenant {}", deleted, event.tenantId());
		});
	}

}
