package io.octavia.core.server.observability;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.stereotype.Component;

/**
 * Puts the tenant, brand, user and request ids that travel in a record's headers into the
 * logging context while a listener handles it, so every log line of a Kafka message says
 * whose it is, like a log line of an HTTP request does. (The trace id comes from the
 * record's {@code traceparent} through the listener observation.)
 */
@Component
class KafkaRecordContext implements RecordInterceptor<Object, Object> {

	private static final Map<String, String> HEADERS_TO_MDC = Map.of("x-tenant-id", "tenantId", "x-brand-id", "brandId",
			"x-user-id", "userId", "x-request-id", "requestId", "ce_id", "eventId");

	@Override
	public @Nullable ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		HEADERS_TO_MDC.forEach((header, key) -> {
			Header value = record.headers().lastHeader(header);
			if (value != null) {
				MDC.put(key, new String(value.value(), StandardCharsets.UTF_8));
			}
		});
		return record;
	}

	@Override
	public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
		HEADERS_TO_MDC.values().forEach(MDC::remove);
	}

}
