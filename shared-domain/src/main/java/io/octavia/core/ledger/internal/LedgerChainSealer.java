package io.octavia.core.ledger.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
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
 * <p>
 * The sealing runs on a platform thread of its own: hashing a batch is CPU work, and on
 * the scheduler's virtual thread it held one of the few carriers that all requests share
 * for the whole batch (virtual threads are not time-sliced); the operating system shares
 * the cores between a platform thread and the carriers.
 */
@Component
@ConditionalOnExpression("${octavia.ledger.chain.enabled:true} and '${octavia.roles:api,console,worker}'.contains('worker')")
class LedgerChainSealer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LedgerChainSealer.class);

	private final IntegrityService integrity;

	private final SealerPacing pacing;

	private final ExecutorService sealing = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("ledger-sealer").daemon(true).factory());

	LedgerChainSealer(IntegrityService integrity, @Value("${octavia.ledger.chain.max-busy:0.5}") double maxBusy) {
		this.integrity = integrity;
		this.pacing = new SealerPacing(maxBusy);
	}

	@Scheduled(fixedDelayString = "${octavia.ledger.chain.interval:5s}",
			initialDelayString = "${octavia.ledger.chain.interval:5s}")
	void seal() {
		try {
			long sealed = sealing.submit(() -> integrity.sealChains(pacing)).get();
			if (sealed > 0) {
				log.debug("Sealed {} ledger entries", sealed);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			log.warn("Sealing ledger entries failed; will retry: {}", ex.getCause().getMessage());
		}
	}

	@Override
	public void destroy() {
		sealing.shutdownNow();
	}

}
