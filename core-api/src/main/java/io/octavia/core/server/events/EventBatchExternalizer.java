package io.octavia.core.server.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.DomainEventBatch;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a {@link DomainEventBatch} to Kafka as one record per event, exactly as Spring
 * Modulith would have sent each event published alone (same topic, key, CloudEvent and
 * headers), and completes the batch's one outbox publication only once Kafka acknowledged
 * every record. A failure leaves the publication incomplete for {@link OutboxMaintenance}
 * to send the whole batch again: consumers deduplicate by CloudEvent id.
 */
@Component
class EventBatchExternalizer {

	private final KafkaOperations<Object, Object> kafka;

	private final EventExternalizationConfiguration configuration;

	private final JsonMapper json;

	private final Duration timeout;

	/**
	 * Each event type's topic, empty when it is not externalized: the annotation lookups
	 * behind {@code supports} and {@code determineTarget} ran for every event of every
	 * batch. The topic is the type's ({@code @Externalized}); only a routing key could
	 * depend on the event, and the key is the tenant's, set by the mapping.
	 */
	private final Map<Class<?>, Optional<String>> topics = new ConcurrentHashMap<>();

	EventBatchExternalizer(KafkaOperations<Object, Object> kafka, EventExternalizationConfiguration configuration,
			JsonMapper json,
			@Value("${spring.kafka.producer.properties.delivery.timeout.ms:15000}") long timeoutMillis) {
		this.kafka = kafka;
		this.configuration = configuration;
		this.json = json;
		this.timeout = Duration.ofMillis(timeoutMillis);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void externalize(DomainEventBatch batch) throws InterruptedException, ExecutionException, TimeoutException {
		List<CompletableFuture<?>> sent = new ArrayList<>(batch.events().size());
		for (DomainEvent event : batch.events()) {
			Optional<String> topic = topics.computeIfAbsent(event.getClass(), type -> configuration.supports(event)
					? Optional.of(configuration.determineTarget(event).getTarget()) : Optional.empty());
			if (topic.isEmpty()) {
				continue;
			}
			sent.add(kafka.send(EventExternalizationSetup.record(topic.get(), event, json)));
		}
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

}
