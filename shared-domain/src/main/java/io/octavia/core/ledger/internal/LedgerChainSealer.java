package io.octavia.core.ledger.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seals ledger entries into their tenants' hash chains in the background, every
 * {@code octavia.ledger.chain.interval} (5 s) on worker nodes, so writers never wait for
 * a chain. Several nodes may run it: they take turns per chain. It is busy at most
 * {@code octavia.ledger.chain.max-busy} (0.5) of the time ({@link SealerPacing}), so a
 * large backlog is sealed beside the live writes instead of ahead of them.
 */
@Component
@ConditionalOnExpression("${octavia.ledger.chain.enabled:true} and '${octavia.roles:api,console,worker}'.contains('worker')")
class LedgerChainSealer {

	private static final Logger log = LoggerFactory.getLogger(LedgerChainSealer.class);

	private final IntegrityService integrity;

	private final SealerPacing pacing;

	LedgerChainSealer(IntegrityService integrity, @Value("${octavia.ledger.chain.max-busy:0.5}") double maxBusy) {
		this.integrity = integrity;
		this.pacing = new SealerPacing(maxBusy);
	}

	@Scheduled(fixedDelayString = "${octavia.ledger.chain.interval:5s}",
			initialDelayString = "${octavia.ledger.chain.interval:5s}")
	void seal() {
		try {
			long sealed = integrity.sealChains(pacing);
			if (sealed > 0) {
				log.debug("Sealed {} ledger entries", sealed);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.warn("Sealing ledger entries failed; will retry: {}", ex.getMessage());
		}
	}

}
