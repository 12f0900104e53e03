package io.octavia.core.server.events;

import java.util.LinkedHashMap;
import java.util.Map;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
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

	@Bean
	EventExternalizationConfiguration eventExternalizationConfiguration(JsonMapper json) {
		return EventExternalizationConfiguration.externalizing()
			.select(EventExternalizationConfiguration.annotatedAsExternalized())
			.mapping(DomainEvent.class, event -> message(event, json))
			.build();
	}

	/**
	 * Modulith evaluates routing keys and headers on the mapped payload, so the mapping
	 * returns a complete message: the CloudEvent, keyed by tenant, with its headers.
	 */
	static Message<CloudEvent> message(DomainEvent event, JsonMapper json) {
		TenantId tenant = event.metadata().tenantId();
		return MessageBuilder.withPayload(CloudEvent.of(event, json))
			.copyHeaders(headers(event))
			.setHeader(KafkaHeaders.KEY, (tenant != null) ? tenant.toString() : event.subject())
			.build();
	}

	static Map<String, Object> headers(DomainEvent event) {
		EventMetadata metadata = event.metadata();
		Map<String, Object> headers = new LinkedHashMap<>();
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

	private static void putIfPresent(Map<String, Object> headers, String name, Object value) {
		if (value != null) {
			headers.put(name, value.toString());
		}
	}

}
