package io.octavia.core.ledger.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import io.octavia.core.ledger.Amounts;

/**
 * Amounts and times for people, in their language: decimals with the currency's minor
 * unit (exact, from {@link BigDecimal}) and the locale's digits and separators; dates in
 * UTC, the zone the consoles' date fields mean.
 */
public final class LedgerFormat {

	private final Locale locale;

	private final DateTimeFormatter date;

	private final DateTimeFormatter dateTime;

	public LedgerFormat(Locale locale) {
		this.locale = locale;
		this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC);
		this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
			.withLocale(locale)
			.withZone(ZoneOffset.UTC);
	}

	public String amount(long minor, String currency) {
		int exponent = Amounts.exponent(currency);
		NumberFormat format = NumberFormat.getNumberInstance(locale);
		format.setMinimumFractionDigits(exponent);
		format.setMaximumFractionDigits(exponent);
		return format.format(BigDecimal.valueOf(minor, exponent));
	}

	public String date(Instant at) {
		return date.format(at);
	}

	/** A day of a form, as the reader writes dates. */
	public String day(LocalDate day) {
		return date.format(startOf(day));
	}

	public String dateTime(Instant at) {
		return dateTime.format(at);
	}

	/** The last instant of a day (UTC): "as of" a date includes the whole day. */
	public static Instant endOf(LocalDate day) {
		return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1000);
	}

	public static Instant startOf(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

}
