package io.octavia.core.ledger;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Opens an account in a ledger.
 *
 * @param code unique per ledger (e.g. {@code 1000} or {@code cash})
 * @param normalBalance the side the balance grows on; null for the type's usual side
 * @param currency ISO 4217 code with a minor unit, allowed by the ledger's policy
 * @param category roll-up group for reports, e.g. {@code current-assets}
 * @param parentId the parent account for roll-ups (same ledger and currency)
 * @param bounds balance limits; null for none
 */
public record CreateAccount(LedgerId ledgerId, String code, String name, AccountType type,
		@Nullable Direction normalBalance, String currency, @Nullable String category, @Nullable AccountId parentId,
		@Nullable Map<String, Object> metadata, @Nullable AccountBounds bounds) {
}
