package io.octavia.core.server.events;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transactional outbox: what commits reaches Kafka as a CloudEvent, what rolls back
 * never does.
 */
@OctaviaIntegrationTest
class OutboxIntegrationTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aCommittedEventArrivesOnKafkaAsACloudEventKeyedByTenant() {
		TenantId tenant = new TenantId(Ids.newId());
		BrandId brand = new BrandId(Ids.newId());
		UserId user = new UserId(Ids.newId());
		TenantContext.Scope scope = TenantContext.Scope.tenant(tenant, "user:" + user).withBrand(brand).withUser(user);
		ProbeEvent event = TenantContext.call(scope, () -> transactions.execute(status -> {
			ProbeEvent probe = new ProbeEvent(EventMetadata.capture(tenant), "committed");
			events.publishEvent(probe);
			return probe;
		}));

		try (KafkaProbe kafka = new KafkaProbe(bootstrapServers, ProbeEvent.TOPIC)) {
			List<ConsumerRecord<String, String>> records = kafka.await(r -> tenant.toString().equals(r.key()), 1,
					Duration.ofSeconds(30));
			assertThat(records).hasSize(1);
			ConsumerRecord<String, String> record = records.get(0);
			assertThat(KafkaProbe.header(record, "content-type")).startsWith("application/cloudevents+json");
			assertThat(KafkaProbe.header(record, "x-tenant-id")).isEqualTo(tenant.toString());
			assertThat(KafkaProbe.header(record, "x-brand-id")).isEqualTo(brand.toString());
			assertThat(KafkaProbe.header(record, "x-user-id")).isEqualTo(user.toString());
			assertThat(KafkaProbe.header(record, "ce_id")).isEqualTo(event.metadata().eventId().toString());

			JsonNode cloudEvent = json.readTree(record.value());
			assertThat(cloudEvent.get("specversion").asString()).isEqualTo("1.0");
			assertThat(cloudEvent.get("id").asString()).isEqualTo(event.metadata().eventId().toString());
			assertThat(cloudEvent.get("type").asString()).isEqualTo("probe.happened");
			assertThat(cloudEvent.get("source").asString()).isEqualTo("/octavia-core");
			assertThat(cloudEvent.get("subject").asString()).isEqualTo("committed");
			assertThat(cloudEvent.get("tenantid").asString()).isEqualTo(tenant.toString());
			assertThat(cloudEvent.get("data").get("name").asString()).isEqualTo("committed");
			assertThat(cloudEvent.get("data").has("metadata")).isFalse();
		}
	}

	@Test
	void aRolledBackEventNeverLeavesTheProcess() {
		TenantId tenant = new TenantId(Ids.newId());
		TenantContext.run(TenantContext.Scope.tenant(tenant, "test"),
				() -> transactions.executeWithoutResult(status -> {
					events.publishEvent(new ProbeEvent(EventMetadata.capture(tenant), "rolled-back"));
					status.setRollbackOnly();
				}));
		TenantContext.run(TenantContext.Scope.tenant(tenant, "test"), () -> transactions.executeWithoutResult(
				status -> events.publishEvent(new ProbeEvent(EventMetadata.capture(tenant), "marker"))));

		try (KafkaProbe kafka = new KafkaProbe(bootstrapServers, ProbeEvent.TOPIC)) {
			// same key, same partition: had the rolled-back event been sent, it would
			// come before the marker
			List<ConsumerRecord<String, String>> records = kafka.await(r -> tenant.toString().equals(r.key()), 1,
					Duration.ofSeconds(30));
			assertThat(records).singleElement().satisfies(r -> assertThat(r.value()).contains("marker"));
			assertThat(kafka.drain(r -> tenant.toString().equals(r.key()), Duration.ofSeconds(2)))
				.noneMatch(r -> r.value().contains("rolled-back"));
		}
	}

}
