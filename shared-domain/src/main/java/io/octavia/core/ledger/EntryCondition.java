package io.octavia.core.ledger;

import org.jspecify.annotations.Nullable;

/**
 * What must hold for an entry to be written, checked with the account locked: its lock
 * version (optimistic concurrency: refused with {@code ledger_lock_version_mismatch} if
 * the account changed since it was read) and a minimum available balance before the entry
 * ({@code ledger_condition_failed}).
 */
public record EntryCondition(AccountId accountId, @Nullable Long lockVersion, @Nullable Long availableAtLeast) {
}
