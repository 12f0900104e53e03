package io.octavia.core.ledger;

import java.time.Instant;

/**
 * An account's posted balance (minor units, signed to its normal side) at one point in
 * time: a point of a balance-over-time chart.
 */
public record BalancePoint(Instant at, long balance) {
}
