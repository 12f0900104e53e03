package io.octavia.core.server.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.support.ProducerListener;

/**
 * Records Kafka did not acknowledge, counted ({@code octavia.outbox.send.failures}) and
 * logged at most once per interval, and the first acknowledgement after failures logged
 * once, with the failures not reported yet. Spring Kafka's default listener logs every
 * failed record with its stack trace at ERROR: while a broker is away a busy node wrote
 * tens of thousands of them a minute, and the logging took the CPU the node needed to
 * catch up. Nothing is lost meanwhile: the records' publications stay incomplete in the
 * outbox and are sent again.
 */
class SendFailureLog implements ProducerListener<Object, Object> {

	private static final Logger log = LoggerFactory.getLogger(SendFailureLog.class);

	private final Counter failures;

	private final Duration interval;

	private final Clock clock;

	private @Nullable Instant quietUntil;

	private long suppressed;

	/**
	 * Set from the first failure until a success has been reported: a cheap check per
	 * send.
	 */
	private volatile boolean failing;

	SendFailureLog(MeterRegistry meters, Duration interval, Clock clock) {
		this.failures = Counter.builder("octavia.outbox.send.failures")
			.description("Records Kafka did not acknowledge (their publications are sent again)")
			.register(meters);
		this.interval = interval;
		this.clock = clock;
	}

	@Override
	public void onError(ProducerRecord<Object, Object> record, @Nullable RecordMetadata metadata, Exception exception) {
		failures.increment();
		long before;
		synchronized (this) {
			Instant now = clock.instant();
			if (quietUntil != null && now.isBefore(quietUntil)) {
				suppressed++;
				return;
			}
			before = suppressed;
			suppressed = 0;
			quietUntil = now.plus(interval);
			failing = true;
		}
		String more = (before > 0) ? " (" + before + " more failed since the last report)" : "";
		log.warn("Kafka did not acknowledge a record for topic {}{}; the outbox sends it again. "
				+ "Further failures are counted in octavia.outbox.send.failures and reported at most every {} s",
				record.topic(), more, interval.toSeconds(), exception);
	}

	/**
	 * Tells once that records are acknowledged again, with the failures not yet reported.
	 */
	@Override
	public void onSuccess(ProducerRecord<Object, Object> record, @Nullable RecordMetadata metadata) {
		if (!failing) {
			return;
		}
		long unreported;
		synchronized (this) {
			if (!failing) {
				return;
			}
			failing = false;
			unreported = suppressed;
			suppressed = 0;
			quietUntil = null;
		}
		log.info("Kafka acknowledges records again ({} more failed since the last report)", unreported);
	}

}
