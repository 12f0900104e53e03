package io.octavia.core.server.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.JsonKafkaHeaderMapper;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.mapping.AbstractJavaTypeMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events annotated {@code @Externalized("octavia.<context>::#{metadata().tenantId()}")}
 * leave the process through the outbox: Spring Modulith stores each publication in the
 * same transaction as the change, then sends it to Kafka as a CloudEvent keyed by tenant
 * (one partition per tenant: its records stay in the order they were sent, which for
 * transactions committed close together may differ from the commit order) and marks it
 * complete once Kafka acknowledged it.
 */
@Configuration(proxyBeanMethods = false)
class EventExternalizationSetup {

	static final String CLOUDEVENTS_JSON = "application/cloudevents+json; charset=UTF-8";

	private static final byte[] CLOUD_EVENT_TYPE = CloudEvent.class.getName().getBytes(StandardCharsets.UTF_8);

	@Bean
	EventExternalizationConfiguration eventExternalizationConfiguration(JsonMapper json) {
		return EventExternalizationConfiguration.externalizing()
			.select(EventExternalizationConfiguration.annotatedAsExternalized())
			.mapping(DomainEvent.class, event -> message(event, json))
			.build();
	}

	/**
	 * Replaces Spring Kafka's listener, which logs every failed record with its stack.
	 */
	@Bean
	SendFailureLog kafkaProducerListener(MeterRegistry meters) {
		return new SendFailureLog(meters, Duration.ofSeconds(10), Clock.systemUTC());
	}

	/**
	 * Modulith evaluates routing keys and headers on the mapped payload, so the mapping
	 * returns a complete message: the CloudEvent, keyed by tenant, with its headers.
	 */
	static Message<CloudEvent> message(DomainEvent event, JsonMapper json) {
		return MessageBuilder.withPayload(CloudEvent.of(event, json))
			.copyHeaders(headers(event))
			.setHeader(KafkaHeaders.KEY, key(event))
			.build();
	}

	/**
	 * The record that {@link #message} becomes once Spring Kafka's converter and header
	 * mapper have run (a test compares the two), built without them: a batch of a busy
	 * writer sends thousands a second, and the message headers, the header mapper and the
	 * content type parsing were a third of the sending thread's time.
	 */
	static ProducerRecord<Object, Object> record(String topic, DomainEvent event, JsonMapper json) {
		RecordHeaders headers = new RecordHeaders();
		Map<String, String> types = new LinkedHashMap<>();
		headers(event).forEach((name, value) -> {
			headers.add(name, value.getBytes(StandardCharsets.UTF_8));
			// the mapper passes trace context on untyped
			if (!name.equals("traceparent")) {
				types.put(name, String.class.getName());
			}
		});
		headers.add(JsonKafkaHeaderMapper.JSON_TYPES, json.writeValueAsBytes(types));
		// the converter's type mapper names the payload's class for Spring consumers
		headers.add(AbstractJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME, CLOUD_EVENT_TYPE);
		return new ProducerRecord<>(topic, null, key(event), json.writeValueAsBytes(CloudEvent.of(event, json)),
				headers);
	}

	private static String key(DomainEvent event) {
		TenantId tenant = event.metadata().tenantId();
		return (tenant != null) ? tenant.toString() : event.subject();
	}

	static Map<String, String> headers(DomainEvent event) {
		EventMetadata metadata = event.metadata();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("content-type", CLOUDEVENTS_JSON);
		headers.put("ce_id", metadata.eventId().toString());
		headers.put("ce_type", event.type());
		putIfPresent(headers, "x-tenant-id", metadata.tenantId());
		putIfPresent(headers, "x-brand-id", metadata.brandId());
		putIfPresent(headers, "x-user-id", metadata.userId());
		putIfPresent(headers, "x-request-id", metadata.requestId());
		putIfPresent(headers, "traceparent", metadata.traceParent());
		return headers;
	}

	private static void putIfPresent(Map<String, String> headers, String name, @Nullable Object value) {
		if (value != null) {
			headers.put(name, value.toString());
		}
	}

}
