package io.octavia.core.ledger;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** An accounting period; entries effective inside a closed one are refused. */
public record PeriodDetails(PeriodId id, LedgerId ledgerId, String name, Instant startsAt, Instant endsAt,
		boolean closed, @Nullable Instant closedAt, @Nullable String closedBy) {
}
