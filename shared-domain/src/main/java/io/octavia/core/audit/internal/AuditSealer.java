package io.octavia.core.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.audit.AuditManagement;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seals new audit records into their hash chains in the background, so writers only
 * insert and never wait for a chain. Runs on worker nodes where
 * {@code octavia.audit.sealing.enabled} is true (the default), every
 * {@code octavia.audit.sealing.interval} (2 s). Several nodes may run it at once: they
 * take turns per chain.
 */
@Component
@ConditionalOnExpression("${octavia.audit.sealing.enabled:true} and '${octavia.roles:api,console,worker}'.contains('worker')")
class AuditSealer {

	private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

	private final AuditManagement audit;

	AuditSealer(AuditManagement audit) {
		this.audit = audit;
	}

	@Scheduled(fixedDelayString = "${octavia.audit.sealing.interval:2s}",
			initialDelayString = "${octavia.audit.sealing.interval:2s}")
	void seal() {
		try {
			long sealed = audit.sealPending();
			if (sealed > 0) {
				log.debug("Sealed {} audit records", sealed);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Sealing audit records failed; will retry: {}", ex.getMessage());
		}
	}

}
