package io.octavia.core.ledger;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** An account with its current balance. */
public record AccountDetails(AccountId id, LedgerId ledgerId, String code, String name, AccountType type,
		Direction normalBalance, String currency, @Nullable String category, @Nullable AccountId parentId,
		Map<String, Object> metadata, AccountBounds bounds, @Nullable Instant closedAt, Balance balance,
		Instant createdAt, Instant updatedAt) {

	public boolean closed() {
		return closedAt != null;
	}

}
