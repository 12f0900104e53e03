package io.octavia.core.server.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning with a consumer of its own, as an outside service
 * would.
 */
public final class KafkaProbe implements AutoCloseable {

	private final KafkaConsumer<String, String> consumer;

	public KafkaProbe(String bootstrapServers, String topic) {
		consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
		consumer.subscribe(List.of(topic));
	}

	/**
	 * Polls until {@code count} matching records arrived or the time is up; returns what
	 * arrived.
	 */
	public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> matching, int count,
			Duration timeout) {
		List<ConsumerRecord<String, String>> found = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline && found.size() < count) {
			consumer.poll(Duration.ofMillis(250)).forEach(record -> {
				if (matching.test(record)) {
					found.add(record);
				}
			});
		}
		return found;
	}

	/** Everything matching that arrives within the given time. */
	public List<ConsumerRecord<String, String>> drain(Predicate<ConsumerRecord<String, String>> matching,
			Duration during) {
		return await(matching, Integer.MAX_VALUE, during);
	}

	public static String header(ConsumerRecord<String, String> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), java.nio.charset.StandardCharsets.UTF_8) : null;
	}

	@Override
	public void close() {
		consumer.close();
	}

}
