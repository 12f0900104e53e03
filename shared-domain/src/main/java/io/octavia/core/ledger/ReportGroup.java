package io.octavia.core.ledger;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The accounts of one type in a balance sheet or income statement, rolled up by category
 * and by parent account. Amounts are minor units signed to the type's normal side (a
 * contra account, e.g. a credit-normal asset, shows negative).
 *
 * @param total the sum of every account's own amount
 */
public record ReportGroup(AccountType type, long total, List<Category> categories) {

	/**
	 * The accounts with one category (null: none), in account-tree order.
	 *
	 * @param total the sum of these accounts' own amounts
	 */
	public record Category(@Nullable String name, long total, List<Row> accounts) {
	}

	/**
	 * @param depth how many ancestors of the same type and currency the account has
	 * @param amount the account's own amount
	 * @param rollup its own amount plus those of all its descendants of the same type and
	 * currency
	 */
	public record Row(AccountId accountId, String code, String name, @Nullable AccountId parentId, int depth,
			long amount, long rollup) {
	}

}
