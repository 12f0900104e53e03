package io.octavia.core.server.events;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.platform.EventInbox;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.server.embedded.EmbeddedInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away while the application keeps committing: every event waits in the
 * outbox and arrives once the broker is back, and a consumer that deduplicates by event
 * id handles each exactly once.
 */
@OctaviaIntegrationTest
class OutboxBrokerOutageIntegrationTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	EventInbox inbox;

	@Autowired
	JdbcTemplate jdbc;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Test
	void eventsCommittedWhileTheBrokerIsDownArriveWhenItIsBackAndAreHandledOnce() {
		TenantId tenant = new TenantId(Ids.newId());
		Set<String> published = new HashSet<>();
		EmbeddedInfrastructure.get().stopKafka();
		try {
			for (int i = 0; i < 5; i++) {
				String name = "during-outage-" + i;
				TenantContext.run(TenantContext.Scope.tenant(tenant, "test"),
						() -> transactions.executeWithoutResult(status -> {
							ProbeEvent event = new ProbeEvent(EventMetadata.capture(tenant), name);
							published.add(event.metadata().eventId().toString());
							events.publishEvent(event);
						}));
			}
			assertThat(incompletePublicationsOf(tenant)).isEqualTo(5);
		}
		finally {
			EmbeddedInfrastructure.get().restartKafka();
		}

		try (KafkaProbe kafka = new KafkaProbe(bootstrapServers, ProbeEvent.TOPIC)) {
			List<ConsumerRecord<String, String>> records = kafka.await(r -> tenant.toString().equals(r.key()), 5,
					Duration.ofSeconds(90));
			records.addAll(kafka.drain(r -> tenant.toString().equals(r.key()), Duration.ofSeconds(3)));
			Set<String> arrived = new HashSet<>();
			records.forEach(r -> arrived.add(KafkaProbe.header(r, "ce_id")));
			assertThat(arrived).isEqualTo(published);

			// a consumer that deduplicates by event id acts once per event, however often
			// Kafka delivers
			String consumer = "outage-test-" + UUID.randomUUID();
			int handled = 0;
			for (ConsumerRecord<String, String> record : records) {
				UUID eventId = UUID.fromString(KafkaProbe.header(record, "ce_id"));
				handled += Boolean.TRUE.equals(transactions.execute(status -> inbox.firstDelivery(consumer, eventId)))
						? 1 : 0;
				Boolean again = transactions.execute(status -> inbox.firstDelivery(consumer, eventId));
				assertThat(again).isFalse();
			}
			assertThat(handled).isEqualTo(5);
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(incompletePublicationsOf(tenant)).isZero());
	}

	private Integer incompletePublicationsOf(TenantId tenant) {
		return jdbc.queryForObject(
				"SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND serialized_event LIKE ?",
				Integer.class, "%" + tenant + "%");
	}

}
