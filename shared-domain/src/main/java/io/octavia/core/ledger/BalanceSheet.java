package io.octavia.core.ledger;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Assets, liabilities and equity as of a point in time, per currency, with the current
 * earnings (revenue − expenses to date) that make it balance before a period is closed
 * into equity: assets = liabilities + equity + current earnings.
 */
public record BalanceSheet(LedgerId ledgerId, Instant asOf, TimeAxis axis, List<Section> currencies) {

	/** One currency; amounts in its minor units. */
	public record Section(String currency, int exponent, ReportGroup assets, ReportGroup liabilities,
			ReportGroup equity, long currentEarnings) {

		@JsonProperty
		public long liabilitiesAndEquity() {
			return Math.addExact(Math.addExact(liabilities.total(), equity.total()), currentEarnings);
		}

		@JsonProperty
		public boolean balanced() {
			return assets.total() == liabilitiesAndEquity();
		}

	}

}
