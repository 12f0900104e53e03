package io.octavia.core.ledger;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Revenue and expenses of the period [from, to), per currency: each account's posted
 * movement in the period (balance before {@code to} minus balance before {@code from}).
 */
public record IncomeStatement(LedgerId ledgerId, Instant from, Instant to, TimeAxis axis, List<Section> currencies) {

	/** One currency; amounts in its minor units. */
	public record Section(String currency, int exponent, ReportGroup revenue, ReportGroup expenses) {

		/** Revenue − expenses: positive is a profit. */
		@JsonProperty
		public long netIncome() {
			return Math.subtractExact(revenue.total(), expenses.total());
		}

	}

}
