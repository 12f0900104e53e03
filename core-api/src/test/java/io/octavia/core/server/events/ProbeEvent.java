package io.octavia.core.server.events;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;

import org.springframework.modulith.events.Externalized;

/** Exists only on the test classpath: an externalized event for the outbox tests. */
@Externalized(ProbeEvent.TOPIC)
record ProbeEvent(EventMetadata metadata, String name) implements DomainEvent {

	static final String TOPIC = "octavia.test-probe";

	@Override
	public String type() {
		return "probe.happened";
	}

	@Override
	public String subject() {
		return name;
	}

}
