package io.octavia.core.platform;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deduplicates Kafka deliveries: the outbox guarantees at-least-once, so a consumer that
 * must act once records the CloudEvent id in the same transaction as its effect.
 */
@Service
public class EventInbox {

	private final JdbcClient jdbc;

	EventInbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records that {@code consumer} handles {@code eventId}; false when it already did.
	 * Call it inside the transaction of the consumer's effect, so both commit or neither.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean firstDelivery(String consumer, UUID eventId) {
		return jdbc.sql("INSERT INTO consumed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(consumer, eventId)
			.update() == 1;
	}

}
