package io.octavia.core.ledger;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Minor units and their currency's exponent, for the edges where amounts are shown: the
 * ledger computes in {@code long} minor units and turns them into decimals only for
 * people (CSV, consoles), never through floating point.
 */
public final class Amounts {

	private Amounts() {
	}

	/** The ISO 4217 minor unit of a currency (2 for EUR, 0 for JPY, 3 for KWD). */
	public static int exponent(String currency) {
		return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
	}

	/** The exact decimal value: 123456 EUR is 1234.56. */
	public static BigDecimal decimal(long minor, String currency) {
		return BigDecimal.valueOf(minor, exponent(currency));
	}

}
