package io.octavia.core.server.events;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.Balance;
import io.octavia.core.ledger.BalanceMonitorId;
import io.octavia.core.ledger.BalanceThresholdCrossed;
import io.octavia.core.ledger.Direction;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.ledger.EntryKind;
import io.octavia.core.ledger.EntryPosted;
import io.octavia.core.ledger.EntryVoided;
import io.octavia.core.ledger.LedgerEvents;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.MonitorCondition;
import io.octavia.core.ledger.MonitoredBalance;
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
		Map<String, String> ledgerEvents = new LinkedHashMap<>();
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
			// the ledger's events of one write: one publication, three records
			TenantContext.run(TenantContext.Scope.tenant(tenant, "test"),
					() -> transactions.executeWithoutResult(status -> {
						LedgerEvents batch = ledgerWrite(tenant);
						batch.events()
							.forEach(event -> ledgerEvents.put(event.metadata().eventId().toString(), event.type()));
						events.publishEvent(batch);
					}));
			assertThat(incompletePublicationsOf(tenant)).isEqualTo(6);
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
		// the batch was read back from the outbox and sent as the events it holds, in
		// order
		try (KafkaProbe kafka = new KafkaProbe(bootstrapServers, EntryPosted.TOPIC)) {
			List<ConsumerRecord<String, String>> records = kafka.await(r -> tenant.toString().equals(r.key()), 3,
					Duration.ofSeconds(60));
			Map<String, String> arrived = new LinkedHashMap<>();
			records.forEach(r -> arrived.put(KafkaProbe.header(r, "ce_id"), KafkaProbe.header(r, "ce_type")));
			assertThat(arrived).containsExactlyEntriesOf(ledgerEvents);
			assertThat(records.get(2).value()).contains("\"breached\":true").contains("\"threshold\":100");
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(incompletePublicationsOf(tenant)).isZero());
	}

	private static LedgerEvents ledgerWrite(TenantId tenant) {
		LedgerId ledger = new LedgerId(Ids.newId());
		AccountId cash = new AccountId(Ids.newId());
		EntryId entry = new EntryId(Ids.newId());
		EntryId pending = new EntryId(Ids.newId());
		List<Balance> balances = List.of(Balance.of(cash, "EUR", Direction.DEBIT, 50, 0, 0, 0, 1, null));
		return new LedgerEvents(List.of(
				new EntryPosted(EventMetadata.capture(tenant), tenant, ledger, entry, 1, EntryKind.STANDARD, null, null,
						Instant.now(), "ref-1", balances),
				new EntryVoided(EventMetadata.capture(tenant), tenant, ledger, pending, new EntryId(Ids.newId()), 2,
						true, balances),
				new BalanceThresholdCrossed(EventMetadata.capture(tenant), tenant, ledger, cash,
						new BalanceMonitorId(Ids.newId()), MonitoredBalance.POSTED, MonitorCondition.BELOW, 100, true,
						150, 50, "EUR", entry)));
	}

	private Integer incompletePublicationsOf(TenantId tenant) {
		return jdbc.queryForObject(
				"SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND serialized_event LIKE ?",
				Integer.class, "%" + tenant + "%");
	}

}
