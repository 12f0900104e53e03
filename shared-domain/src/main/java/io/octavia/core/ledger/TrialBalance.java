package io.octavia.core.ledger;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.jspecify.annotations.Nullable;

/**
 * Every account of a ledger with its posted balance as of a point in time, on the debit
 * or the credit column (whichever side it is on, whatever its normal side), per currency.
 * The debit and credit totals of a currency are equal in a sound ledger.
 */
public record TrialBalance(LedgerId ledgerId, Instant asOf, TimeAxis axis, List<Section> currencies) {

	/** One currency's accounts and totals; amounts in its minor units. */
	public record Section(String currency, int exponent, List<Line> lines, long totalDebits, long totalCredits) {

		@JsonProperty
		public boolean balanced() {
			return totalDebits == totalCredits;
		}

	}

	/** One account: at most one of debit and credit is non-zero. */
	public record Line(AccountId accountId, String code, String name, AccountType type, @Nullable String category,
			@Nullable AccountId parentId, long debit, long credit) {
	}

}
