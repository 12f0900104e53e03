package io.octavia.core.ledger;

import java.time.Instant;

/**
 * An accounting period {@code [startsAt, endsAt)} of a ledger; periods do not overlap.
 */
public record CreatePeriod(LedgerId ledgerId, String name, Instant startsAt, Instant endsAt) {
}
