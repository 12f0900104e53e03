package io.octavia.core.server.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SendFailureLogTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private Instant now = Instant.parse("2026-12-08T01:00:00Z");

	private final SendFailureLog failures = new SendFailureLog(meters, Duration.ofSeconds(10), new Clock() {

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	});

	@Test
	void aStormOfFailuresIsCountedInFullAndLoggedOncePerInterval(CapturedOutput output) {
		for (int i = 0; i < 5_000; i++) {
			fail("octavia.ledger");
		}
		assertThat(reports(output)).isEqualTo(1);
		assertThat(output.getOut()).contains("topic octavia.ledger; the outbox sends it again")
			.contains("Expiring 8 record(s)");

		now = now.plusSeconds(9);
		fail("octavia.ledger");
		assertThat(reports(output)).isEqualTo(1);

		now = now.plusSeconds(2);
		fail("octavia.tenancy");
		assertThat(reports(output)).isEqualTo(2);
		assertThat(output.getOut()).contains("topic octavia.tenancy (5000 more failed since the last report)");
		assertThat(meters.counter("octavia.outbox.send.failures").count()).isEqualTo(5_002);
	}

	@Test
	void failuresFurtherApartThanTheIntervalAreEachLogged(CapturedOutput output) {
		fail("octavia.ledger");
		now = now.plusSeconds(10);
		fail("octavia.ledger");
		assertThat(reports(output)).isEqualTo(2);
		assertThat(output.getOut()).doesNotContain("more failed");
	}

	@Test
	void theFirstSuccessAfterFailuresReportsTheRecoveryOnceWithWhatWasNotYetReported(CapturedOutput output) {
		succeed();
		assertThat(output.getOut()).doesNotContain("acknowledges records again");
		fail("octavia.ledger");
		fail("octavia.ledger");
		fail("octavia.ledger");
		succeed();
		succeed();
		assertThat(output.getOut().lines().filter(line -> line.contains("acknowledges records again")))
			.singleElement(as(InstanceOfAssertFactories.STRING))
			.contains("(2 more failed since the last report)");
		// the next failure is reported at once, not held back by the earlier interval
		fail("octavia.tenancy");
		assertThat(reports(output)).isEqualTo(2);
		assertThat(output.getOut()).doesNotContain("octavia.tenancy (");
	}

	private void succeed() {
		failures.onSuccess(new ProducerRecord<>("octavia.ledger", "tenant", new byte[0]), null);
	}

	private void fail(String topic) {
		failures.onError(new ProducerRecord<>(topic, "tenant", new byte[0]), null, new TimeoutException(
				"Expiring 8 record(s) for " + topic + "-2:15000 ms has passed since batch creation"));
	}

	private static long reports(CapturedOutput output) {
		return output.getOut().lines().filter(line -> line.contains("Kafka did not acknowledge")).count();
	}

}
