package io.octavia.core.server.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A domain event as a CloudEvents 1.0 structured-mode JSON document. The tenant, brand
 * and user ids and the W3C trace context travel as extension attributes (and as Kafka
 * headers).
 */
record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
		String datacontenttype, JsonNode data, @Nullable String tenantid, @Nullable String brandid,
		@Nullable String userid, String actor, @Nullable String traceparent, @Nullable String requestid) {

	static final String SOURCE = "/octavia-core";

	static CloudEvent of(DomainEvent event, JsonMapper json) {
		EventMetadata metadata = event.metadata();
		ObjectNode data = json.valueToTree(event);
		data.remove("metadata");
		return new CloudEvent("1.0", metadata.eventId().toString(), SOURCE, event.type(), event.subject(),
				metadata.occurredAt(), "application/json", data, text(metadata.tenantId()), text(metadata.brandId()),
				text(metadata.userId()), metadata.actor(), metadata.traceParent(), metadata.requestId());
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

}
