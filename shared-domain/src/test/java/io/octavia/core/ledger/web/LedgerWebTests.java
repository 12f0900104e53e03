package io.octavia.core.ledger.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.octavia.core.ledger.BalancePoint;
import io.octavia.core.ledger.TimeAxis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges where minor units become text: CSV cells, localized amounts, the chart's
 * coordinates and labels, and the date fields of the console forms.
 */
class LedgerWebTests {

	@Test
	void csvTextCellsThatLookLikeFormulasAreDefusedAndAmountsStayNumbers() {
		assertThat(LedgerCsv.text("=SUM(A1)")).isEqualTo("'=SUM(A1)");
		assertThat(LedgerCsv.text("+1")).isEqualTo("'+1");
		assertThat(LedgerCsv.text("-1")).isEqualTo("'-1");
		assertThat(LedgerCsv.text("@cmd")).isEqualTo("'@cmd");
		assertThat(LedgerCsv.text("\tx")).isEqualTo("'\tx");
		assertThat(LedgerCsv.text("Cash")).isEqualTo("Cash");
		assertThat(LedgerCsv.text(null)).isEmpty();
		assertThat(LedgerCsv.amount(-3000, "EUR")).isEqualTo("-30.00");
		assertThat(LedgerCsv.amount(5, "EUR")).isEqualTo("0.05");
		assertThat(LedgerCsv.amount(500, "JPY")).isEqualTo("500");
		assertThat(LedgerCsv.amount(1234, "KWD")).isEqualTo("1.234");
		assertThat(LedgerCsv.amount(Long.MAX_VALUE, "EUR")).isEqualTo("92233720368547758.07");
	}

	@Test
	void amountsAreExactInEveryLanguage() {
		assertThat(new LedgerFormat(Locale.ENGLISH).amount(123456789, "EUR")).isEqualTo("1,234,567.89");
		assertThat(new LedgerFormat(Locale.GERMAN).amount(-123456, "EUR")).isEqualTo("-1.234,56");
		assertThat(new LedgerFormat(Locale.FRENCH).amount(123456, "EUR")).isEqualTo("1\u202f234,56");
		assertThat(new LedgerFormat(Locale.forLanguageTag("fa")).amount(123456, "EUR")).isEqualTo("۱٬۲۳۴٫۵۶");
		assertThat(new LedgerFormat(Locale.ENGLISH).amount(Long.MAX_VALUE, "EUR"))
			.isEqualTo("92,233,720,368,547,758.07");
	}

	@Test
	void theChartScalesFromTheLowestToTheHighestBalanceWithZeroIncluded() {
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		List<BalancePoint> points = List.of(new BalancePoint(start, -1000),
				new BalancePoint(start.plusSeconds(86400), 3000), new BalancePoint(start.plusSeconds(2 * 86400), 1000));
		BalanceChart chart = BalanceChart.of(points, "EUR", new LedgerFormat(Locale.ENGLISH));
		// plot: x 96…704, y 16…228; −10.00 at the bottom, 30.00 at the top, 0 at a
		// quarter up
		assertThat(chart.line()).isEqualTo("96.0,228.0 400.0,16.0 704.0,122.0");
		assertThat(chart.area()).isEqualTo("96.0,175.0 96.0,228.0 400.0,16.0 704.0,122.0 704.0,175.0");
		assertThat(chart.zeroY()).isEqualTo(175.0);
		assertThat(chart.yTicks()).extracting(BalanceChart.Tick::label)
			.containsExactly("-10.00", "0.00", "10.00", "20.00", "30.00");
		assertThat(chart.xTicks()).extracting(BalanceChart.Tick::label)
			.containsExactly("Jan 1, 2026", "Jan 2, 2026", "Jan 3, 2026");
		assertThat(chart.dots()).extracting(BalanceChart.Dot::label)
			.containsExactly("Jan 1, 2026: -10.00", "Jan 2, 2026: 30.00", "Jan 3, 2026: 10.00");
	}

	@Test
	void aFlatZeroBalanceStillDrawsALine() {
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		BalanceChart chart = BalanceChart.of(
				List.of(new BalancePoint(start, 0), new BalancePoint(start.plusSeconds(60), 0)), "JPY",
				new LedgerFormat(Locale.ENGLISH));
		assertThat(chart.line()).isEqualTo("96.0,228.0 704.0,228.0");
		assertThat(chart.yTicks()).extracting(BalanceChart.Tick::label).containsExactly("0", "1");
	}

	@Test
	void dateFieldsMeanWholeUtcDaysAndBadOnesAreFieldErrors() {
		ReportForm.Parsed parsed = new ReportForm("2026-03-31", "2026-01-01", "2026-03-31", "recorded")
			.parse(LocalDate.of(2020, 1, 1));
		assertThat(parsed.valid()).isTrue();
		assertThat(parsed.axis()).isEqualTo(TimeAxis.RECORDED);
		assertThat(LedgerFormat.endOf(parsed.asOf())).isEqualTo(Instant.parse("2026-03-31T23:59:59.999999Z"));
		assertThat(LedgerFormat.startOf(parsed.from())).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
		assertThat(parsed.query(true)).containsEntry("from", "2026-01-01")
			.containsEntry("to", "2026-03-31")
			.containsEntry("axis", "recorded");
		assertThat(new ReportForm(null, "2026-05-01", "2026-04-01", null).parse(LocalDate.of(2020, 1, 1)).errors())
			.containsEntry("to", "ui.ledger.form.range_invalid");
		assertThat(new ReportForm("31/03/2026", null, null, "sideways").parse(LocalDate.of(2020, 1, 1)))
			.satisfies(bad -> {
				assertThat(bad.errors()).containsEntry("asOf", "ui.ledger.form.date_invalid");
				assertThat(bad.axis()).isEqualTo(TimeAxis.EFFECTIVE);
			});
	}

}
