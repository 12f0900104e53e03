package io.octavia.core.ledger.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seals ledger entries into their tenants' hash chains in the background, every
 * {@code octavia.ledger.chain.interval} (5 s) on worker nodes, so writers never wait for
 * a chain. Several nodes may run it: they take turns per chain.
 */
@Component
@ConditionalOnExpression("${octavia.ledger.chain.enabled:true} and '${octavia.roles:api,console,worker}'.contains('worker')")
class LedgerChainSealer {

	private static final Logger log = LoggerFactory.getLogger(LedgerChainSealer.class);

	private final IntegrityService integrity;

	LedgerChainSealer(IntegrityService integrity) {
		this.integrity = integrity;
	}

	@Scheduled(fixedDelayString = "${octavia.ledger.chain.interval:5s}",
			initialDelayString = "${octavia.ledger.chain.interval:5s}")
	void seal() {
		try {
			long sealed = integrity.sealChains();
			if (sealed > 0) {
				log.debug("Sealed {} ledger entries", sealed);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Sealing ledger entries failed; will retry: {}", ex.getMessage());
		}
	}

}
