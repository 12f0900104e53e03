package io.octavia.core.ledger;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Releases a pending entry: its reserved amounts no longer count. */
public record VoidPending(EntryId pendingEntryId, @Nullable String description, @Nullable Map<String, Object> metadata,
		@Nullable String idempotencyKey) {
}
