package io.octavia.core.ledger;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Corrects a posted entry by a new one that negates it (every posting on the other side);
 * an entry is reversed at most once.
 *
 * @param effectiveAt null for now
 */
public record ReverseEntry(EntryId entryId, @Nullable Instant effectiveAt, @Nullable String description,
		@Nullable Map<String, Object> metadata, @Nullable String idempotencyKey) {
}
