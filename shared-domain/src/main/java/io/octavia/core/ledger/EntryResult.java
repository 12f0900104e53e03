package io.octavia.core.ledger;

import java.util.List;

/**
 * What a write returns: the entry and the new balances of the accounts it touched.
 *
 * @param replayed true when an entry with the same idempotency key and content existed,
 * and nothing new was written (balances are then the current ones)
 */
public record EntryResult(EntryDetails entry, List<Balance> balances, boolean replayed) {
}
