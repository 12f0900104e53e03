package io.octavia.core.ledger;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A page of entries; {@code nextCursor} is null on the last page. */
public record EntryPage(List<EntryDetails> items, @Nullable String nextCursor) {
}
