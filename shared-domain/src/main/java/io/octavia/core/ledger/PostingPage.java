package io.octavia.core.ledger;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A page of postings; {@code nextCursor} is null on the last page. */
public record PostingPage(List<PostingDetails> items, @Nullable String nextCursor) {
}
