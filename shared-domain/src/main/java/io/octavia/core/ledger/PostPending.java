package io.octavia.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Posts a pending entry, fully or in part; what is not posted is released.
 *
 * @param amounts the amount to post per posting of the pending entry, in its order, each
 * between zero and the reserved amount and balanced per currency; null posts everything
 * @param effectiveAt null for now; never before the pending entry's
 */
public record PostPending(EntryId pendingEntryId, @Nullable List<Long> amounts, @Nullable Instant effectiveAt,
		@Nullable String description, @Nullable Map<String, Object> metadata, @Nullable String idempotencyKey) {
}
