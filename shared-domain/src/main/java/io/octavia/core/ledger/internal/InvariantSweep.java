package io.octavia.core.ledger.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks every ledger's invariants every {@code octavia.ledger.invariants.interval} (10
 * min) on worker nodes; a violation is logged as an error and shows in the
 * {@code octavia.ledger.invariant.violations} gauge.
 */
@Component
@ConditionalOnExpression("${octavia.ledger.invariants.enabled:true} and '${octavia.roles:api,console,worker}'.contains('worker')")
class InvariantSweep {

	private static final Logger log = LoggerFactory.getLogger(InvariantSweep.class);

	private final IntegrityService integrity;

	InvariantSweep(IntegrityService integrity) {
		this.integrity = integrity;
	}

	@Scheduled(fixedDelayString = "${octavia.ledger.invariants.interval:10m}",
			initialDelayString = "${octavia.ledger.invariants.interval:10m}")
	void check() {
		try {
			long violations = integrity.checkAllLedgers();
			if (violations > 0) {
				log.error("Ledger invariant check found {} violations", violations);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Checking ledger invariants failed; will retry: {}", ex.getMessage());
		}
	}

}
