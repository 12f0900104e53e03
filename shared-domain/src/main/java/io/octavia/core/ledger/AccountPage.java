package io.octavia.core.ledger;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A page of accounts, by code; {@code nextCursor} is null on the last page. */
public record AccountPage(List<AccountDetails> items, @Nullable String nextCursor) {
}
