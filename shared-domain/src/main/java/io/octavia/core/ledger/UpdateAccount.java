package io.octavia.core.ledger;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Changes what may change about an account: never its ledger, type, normal balance or
 * currency once it exists.
 */
public record UpdateAccount(String name, @Nullable String category, @Nullable AccountId parentId,
		@Nullable Map<String, Object> metadata, AccountBounds bounds) {

	public static UpdateAccount of(AccountDetails account) {
		return new UpdateAccount(account.name(), account.category(), account.parentId(), account.metadata(),
				account.bounds());
	}

}
