package io.octavia.core.ledger.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SealerPacingTests {

	@Test
	void halfBusyPausesAsLongAsTheBatchTook() {
		assertThat(new SealerPacing(0.5).pauseAfter(Duration.ofMillis(12))).isEqualTo(Duration.ofMillis(12));
	}

	@Test
	void aQuarterBusyPausesThreeTimesTheBatch() {
		assertThat(new SealerPacing(0.25).pauseAfter(Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(30));
	}

	@Test
	void fullyBusyAndUnpacedNeverPause() {
		assertThat(new SealerPacing(1.0).pauseAfter(Duration.ofSeconds(3))).isZero();
		assertThat(SealerPacing.UNPACED.pauseAfter(Duration.ofSeconds(3))).isZero();
	}

	@Test
	void aShareOutsideZeroToOneIsRefused() {
		for (double wrong : new double[] { 0, -0.5, 1.5, Double.NaN }) {
			assertThatIllegalArgumentException().isThrownBy(() -> new SealerPacing(wrong))
				.withMessageContaining("octavia.ledger.chain.max-busy");
		}
	}

}
