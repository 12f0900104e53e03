package io.octavia.core.server.events;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.server.Role;
import io.octavia.core.server.RoleEnabled;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publications that Kafka did not acknowledge (broker down, timeout) stay incomplete in
 * the outbox; the worker sends them again until it does. Consumers deduplicate by
 * CloudEvent id ({@code EventInbox}), so a resend after a lost acknowledgement is
 * harmless.
 */
@Component
@RoleEnabled(Role.WORKER)
class OutboxResubmission {

	private static final Logger log = LoggerFactory.getLogger(OutboxResubmission.class);

	@ConfigurationProperties("octavia.outbox")
	record OutboxProperties(@DefaultValue("10s") Duration resubmitInterval,
			@DefaultValue("15s") Duration resubmitOlderThan) {
	}

	private final IncompleteEventPublications incomplete;

	private final OutboxProperties properties;

	OutboxResubmission(IncompleteEventPublications incomplete, OutboxProperties properties) {
		this.incomplete = incomplete;
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

}
