package io.octavia.core.server.events;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.server.Role;
import io.octavia.core.server.RoleEnabled;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Completed outbox publications are kept for a while (to look up what was sent, and
 * when), then deleted: with {@code completion-mode=update} every event would otherwise
 * stay in the table for good. Runs on the worker every
 * {@code octavia.outbox.retention-interval} (1 h) and deletes what completed more than
 * {@code octavia.outbox.keep-completed} (7 days) ago; incomplete publications are never
 * touched.
 */
@Component
@RoleEnabled(Role.WORKER)
class OutboxRetention {

	private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

	private final CompletedEventPublications completed;

	private final Duration keep;

	OutboxRetention(CompletedEventPublications completed, @Value("${octavia.outbox.keep-completed:7d}") Duration keep) {
		this.completed = completed;
		this.keep = keep;
	}

	@Scheduled(fixedDelayString = "${octavia.outbox.retention-interval:1h}",
			initialDelayString = "${octavia.outbox.retention-interval:1h}")
	void deleteOldCompletedPublications() {
		try {
			completed.deletePublicationsOlderThan(keep);
		}
		catch (RuntimeException ex) {
			log.warn("Deleting completed outbox publications failed; will retry: {}", ex.getMessage());
		}
	}

}
