package io.octavia.core.server.events;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.JsonKafkaHeaderMapper;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The transactional outbox: what commits reaches Kafka as a CloudEvent, what rolls back
 * never does.
 */
@OctaviaIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OutboxIntegrationTests {

	@Autowired
	KafkaOperations<Object, Object> kafka;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JsonMapper applicationJson;

	@Autowired
	JdbcTemplate jdbc;

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

	@Test
	void aRecordKafkaRefusesIsCountedAndReportedWithoutItsContent(CapturedOutput output) {
		double before = meters.counter("octavia.outbox.send.failures").count();
		// over the producer's max.request.size (1 MB): refused by the client, as a broker
		// refuses a record it cannot take
		byte[] tooLarge = "x".repeat(2 * 1024 * 1024).getBytes();
		assertThatException()
			.isThrownBy(() -> kafka.send(new ProducerRecord<>("octavia.test", "tenant", tooLarge)).join())
			.withRootCauseInstanceOf(RecordTooLargeException.class);
		assertThat(meters.counter("octavia.outbox.send.failures").count()).isEqualTo(before + 1);
		assertThat(output.getOut()).contains("Kafka did not acknowledge a record for topic octavia.test")
			.doesNotContain("xxxxxxxx");
	}

	@Test
	void aBatchsRecordIsTheRecordSpringKafkaMakesOfTheEventsMessage() {
		TenantId tenant = new TenantId(Ids.newId());
		EventMetadata metadata = new EventMetadata(Ids.newId(), Instant.parse("2026-12-08T01:02:03.456789Z"), tenant,
				new BrandId(Ids.newId()), new UserId(Ids.newId()), "user:someone",
				"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "req-1", "203.0.113.9", "curl/8");
		ProbeEvent event = new ProbeEvent(metadata, "naïve – ünïcode");

		ProducerRecord<?, ?> direct = EventExternalizationSetup.record(ProbeEvent.TOPIC, event, applicationJson);
		ProducerRecord<?, ?> converted = ((KafkaTemplate<Object, Object>) kafka).getMessageConverter()
			.fromMessage(MessageBuilder.fromMessage(EventExternalizationSetup.message(event, applicationJson))
				.setHeader(KafkaHeaders.TOPIC, ProbeEvent.TOPIC)
				.build(), "unused-default");

		assertThat(direct.topic()).isEqualTo(converted.topic()).isEqualTo(ProbeEvent.TOPIC);
		assertThat(direct.key()).isEqualTo(converted.key()).isEqualTo(tenant.toString());
		assertThat(direct.partition()).isEqualTo(converted.partition());
		assertThat(new String((byte[]) direct.value())).isEqualTo(new String((byte[]) converted.value()));
		Map<String, String> directHeaders = headers(direct.headers());
		Map<String, String> convertedHeaders = headers(converted.headers());
		// Kafka keeps headers in a list, looked up by name; the converter's come out of a
		// hash map
		assertThat(directHeaders.keySet()).containsExactlyInAnyOrderElementsOf(convertedHeaders.keySet());
		assertThat(directHeaders).containsKeys("content-type", "ce_id", "ce_type", "x-tenant-id", "x-brand-id",
				"x-user-id", "x-request-id", "traceparent", JsonKafkaHeaderMapper.JSON_TYPES);
		directHeaders.forEach((name, value) -> {
			if (name.equals(JsonKafkaHeaderMapper.JSON_TYPES)) {
				assertThat(json.readTree(value)).isEqualTo(json.readTree(convertedHeaders.get(name)));
			}
			else {
				assertThat(value).as(name).isEqualTo(convertedHeaders.get(name));
			}
		});
	}

	@Test
	void storedEventsAreCompressedWithLz4WhereTheServerHasIt() {
		boolean lz4;
		try {
			jdbc.execute("CREATE TEMP TABLE lz4_probe (x text COMPRESSION lz4)");
			lz4 = true;
		}
		catch (DataAccessException ex) {
			lz4 = false;
		}
		finally {
			jdbc.execute("DROP TABLE IF EXISTS lz4_probe");
		}
		String method = jdbc.queryForObject(
				"SELECT attcompression::text FROM pg_attribute "
						+ "WHERE attrelid = 'event_publication'::regclass AND attname = 'serialized_event'",
				String.class);
		assertThat(method).isEqualTo(lz4 ? "l" : "");
	}

	private static Map<String, String> headers(Headers headers) {
		Map<String, String> byName = new LinkedHashMap<>();
		for (Header header : headers) {
			assertThat(byName.put(header.key(), new String(header.value()))).as(header.key()).isNull();
		}
		return byName;
	}

}
