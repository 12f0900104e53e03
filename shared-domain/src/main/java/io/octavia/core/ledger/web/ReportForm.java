package io.octavia.core.ledger.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.ledger.TimeAxis;

/**
 * The date fields of a report or statement page as typed ({@code yyyy-MM-dd}, UTC days):
 * "as of" a day means at its end, a period runs from the start of its first day to the
 * end of its last. Empty fields take the defaults of the page. A day that is no date, or
 * a period that ends before it starts, is an error at its field (message key) and the
 * report is not run.
 */
public record ReportForm(@Nullable String asOf, @Nullable String from, @Nullable String to, @Nullable String axis) {

	public static ReportForm empty() {
		return new ReportForm(null, null, null, null);
	}

	/** The form with its defaults and problems, ready to run. */
	public Parsed parse(LocalDate defaultFrom) {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Map<String, String> errors = new LinkedHashMap<>();
		LocalDate asOfDay = day("asOf", asOf, today, errors);
		LocalDate fromDay = day("from", from, defaultFrom, errors);
		LocalDate toDay = day("to", to, today, errors);
		if (!errors.containsKey("from") && !errors.containsKey("to") && toDay.isBefore(fromDay)) {
			errors.put("to", "ui.ledger.form.range_invalid");
		}
		TimeAxis timeAxis = "recorded".equals(axis) ? TimeAxis.RECORDED : TimeAxis.EFFECTIVE;
		return new Parsed(asOfDay, fromDay, toDay, timeAxis, Map.copyOf(errors));
	}

	private static LocalDate day(String field, @Nullable String value, LocalDate fallback, Map<String, String> errors) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "ui.ledger.form.date_invalid");
			return fallback;
		}
	}

	/**
	 * @param to the last day included
	 * @param errors field → message key
	 */
	public record Parsed(LocalDate asOf, LocalDate from, LocalDate to, TimeAxis axis, Map<String, String> errors) {

		public boolean valid() {
			return errors.isEmpty();
		}

		public String axisValue() {
			return axis.name().toLowerCase(java.util.Locale.ROOT);
		}

		/** The query string that reproduces this form, for links and downloads. */
		public Map<String, String> query(boolean period) {
			Map<String, String> query = new LinkedHashMap<>();
			if (period) {
				query.put("from", from.toString());
				query.put("to", to.toString());
			}
			else {
				query.put("asOf", asOf.toString());
			}
			query.put("axis", axisValue());
			return query;
		}

	}

}
