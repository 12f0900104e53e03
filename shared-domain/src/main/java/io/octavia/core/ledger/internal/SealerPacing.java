package io.octavia.core.ledger.internal;

import java.time.Duration;

/**
 * How the background chain sealer yields to live writes: it may be busy at most
 * {@code maxBusy} of the time (0 < maxBusy ≤ 1), so after a batch that took {@code t} it
 * pauses {@code t × (1 − maxBusy) / maxBusy}. In the steady state a batch is a few
 * milliseconds every run and the pauses are too; after a bulk import of millions of
 * entries an unpaced sealer ran batch after batch and took the cores and the database
 * from the live writes until it had caught up (BENCHMARKS.md, Ledger, run 10).
 */
record SealerPacing(double maxBusy) {

	/** No pause: {@link IntegrityService#sealChains()} called directly seals at once. */
	static final SealerPacing UNPACED = new SealerPacing(1.0);

	SealerPacing {
		if (!(maxBusy > 0 && maxBusy <= 1)) {
			throw new IllegalArgumentException(
					"octavia.ledger.chain.max-busy must be above 0 and at most 1, not " + maxBusy);
		}
	}

	/** The pause after a batch that took {@code batch}. */
	Duration pauseAfter(Duration batch) {
		if (maxBusy >= 1 || batch.isNegative()) {
			return Duration.ZERO;
		}
		return Duration.ofNanos((long) (batch.toNanos() * (1 - maxBusy) / maxBusy));
	}

}
