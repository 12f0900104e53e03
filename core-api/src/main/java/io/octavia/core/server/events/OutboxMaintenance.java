package io.octavia.core.server.events;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.server.Role;
import io.octavia.core.server.RoleEnabled;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox's upkeep on the worker:
 * <ul>
 * <li>Publications that Kafka did not acknowledge (broker down, timeout) stay incomplete;
 * they are sent again until it does. Consumers deduplicate by CloudEvent id
 * ({@code EventInbox}), so a resend after a lost acknowledgement is harmless.</li>
 * <li>With {@code spring.modulith.events.completion-mode=update} completed publications
 * are kept for a while (to look up what was sent, and when), then deleted: every event
 * would otherwise stay in the table for good (the default mode, {@code delete}, deletes
 * each once delivered). Incomplete publications are never deleted.</li>
 * </ul>
 */
@Component
@RoleEnabled(Role.WORKER)
class OutboxMaintenance {

	private static final Logger log = LoggerFactory.getLogger(OutboxMaintenance.class);

	@ConfigurationProperties("octavia.outbox")
	record OutboxProperties(@DefaultValue("10s") Duration resubmitInterval,
			@DefaultValue("15s") Duration resubmitOlderThan, @DefaultValue("7d") Duration keepCompleted,
			@DefaultValue("1h") Duration retentionInterval) {
	}

	private final IncompleteEventPublications incomplete;

	private final CompletedEventPublications completed;

	private final OutboxProperties properties;

	OutboxMaintenance(IncompleteEventPublications incomplete, CompletedEventPublications completed,
			OutboxProperties properties) {
		this.incomplete = incomplete;
		this.completed = completed;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${octavia.outbox.resubmit-interval:10s}",
			initialDelayString = "${octavia.outbox.resubmit-interval:10s}")
	void resubmit() {
		try {
			incomplete.resubmitIncompletePublicationsOlderThan(properties.resubmitOlderThan());
		}
		catch (RuntimeException ex) {
			log.warn("Outbox resubmission failed; will retry: {}", ex.getMessage());
		}
	}

	@Scheduled(fixedDelayString = "${octavia.outbox.retention-interval:1h}",
			initialDelayString = "${octavia.outbox.retention-interval:1h}")
	void deleteOldCompletedPublications() {
		try {
			completed.deletePublicationsOlderThan(properties.keepCompleted());
		}
		catch (RuntimeException ex) {
			log.warn("Deleting completed outbox publications failed; will retry: {}", ex.getMessage());
		}
	}

}
