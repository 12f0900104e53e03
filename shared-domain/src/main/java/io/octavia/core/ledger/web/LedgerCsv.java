package io.octavia.core.ledger.web;

import java.time.Instant;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.octavia.core.ledger.AccountStatement;
import io.octavia.core.ledger.Amounts;
import io.octavia.core.ledger.BalanceSheet;
import io.octavia.core.ledger.IncomeStatement;
import io.octavia.core.ledger.ReportGroup;
import io.octavia.core.ledger.TrialBalance;

/**
 * The reports as CSV (RFC 4180: CRLF, a header row, quotes where needed): one row per
 * account and subtotal, amounts as exact decimals of their currency, which each row
 * names. Text that a spreadsheet would take for a formula ({@code = + - @}, tab, CR) is
 * prefixed with an apostrophe; amounts are numbers and stay as they are.
 */
public final class LedgerCsv {

	public static final String MEDIA_TYPE = "text/csv";

	private LedgerCsv() {
	}

	public static String trialBalance(TrialBalance report) {
		Csv csv = new Csv("currency", "row", "account_code", "account_name", "type", "category", "debit", "credit");
		for (TrialBalance.Section section : report.currencies()) {
			String currency = section.currency();
			for (TrialBalance.Line line : section.lines()) {
				csv.row(currency, "account", text(line.code()), text(line.name()), line.type().value(),
						text(line.category()), amount(line.debit(), currency), amount(line.credit(), currency));
			}
			csv.row(currency, "total", "", "", "", "", amount(section.totalDebits(), currency),
					amount(section.totalCredits(), currency));
		}
		return csv.toString();
	}

	public static String balanceSheet(BalanceSheet report) {
		Csv csv = new Csv("currency", "section", "row", "category", "account_code", "account_name", "depth", "amount",
				"rollup");
		for (BalanceSheet.Section section : report.currencies()) {
			String currency = section.currency();
			group(csv, currency, section.assets());
			group(csv, currency, section.liabilities());
			group(csv, currency, section.equity());
			csv.row(currency, "equity", "current_earnings", "", "", "", "", amount(section.currentEarnings(), currency),
					"");
			csv.row(currency, "", "liabilities_and_equity", "", "", "", "",
					amount(section.liabilitiesAndEquity(), currency), "");
		}
		return csv.toString();
	}

	public static String incomeStatement(IncomeStatement report) {
		Csv csv = new Csv("currency", "section", "row", "category", "account_code", "account_name", "depth", "amount",
				"rollup");
		for (IncomeStatement.Section section : report.currencies()) {
			String currency = section.currency();
			group(csv, currency, section.revenue());
			group(csv, currency, section.expenses());
			csv.row(currency, "", "net_income", "", "", "", "", amount(section.netIncome(), currency), "");
		}
		return csv.toString();
	}

	/** The statement's pages, fetched one after the other, as one file. */
	public static String statement(AccountStatement first, Function<String, AccountStatement> nextPage) {
		String currency = first.currency();
		Csv csv = new Csv("account_code", "currency", "row", "effective_at", "recorded_at", "entry_id", "kind",
				"description", "external_reference", "debit", "credit", "balance");
		csv.row(text(first.code()), currency, "opening", first.from().toString(), "", "", "", "", "", "", "",
				amount(first.openingBalance(), currency));
		AccountStatement page = first;
		while (true) {
			for (AccountStatement.Line line : page.lines()) {
				csv.row(text(first.code()), currency, "posting", line.effectiveAt().toString(),
						line.recordedAt().toString(), line.entryId().toString(), line.kind().value(),
						text(line.description()), text(line.externalReference()), amount(line.debit(), currency),
						amount(line.credit(), currency), amount(line.balance(), currency));
			}
			if (page.nextCursor() == null) {
				break;
			}
			page = nextPage.apply(page.nextCursor());
		}
		csv.row(text(first.code()), currency, "closing", first.to().toString(), "", "", "", "", "",
				amount(first.totalDebits(), currency), amount(first.totalCredits(), currency),
				amount(first.closingBalance(), currency));
		return csv.toString();
	}

	/** A file name: {@code <report>-<date>.csv}, ASCII only. */
	public static String filename(String report, Instant at) {
		return report + "-" + at.toString().substring(0, 10) + ".csv";
	}

	private static void group(Csv csv, String currency, ReportGroup group) {
		String section = group.type().value();
		for (ReportGroup.Category category : group.categories()) {
			for (ReportGroup.Row row : category.accounts()) {
				csv.row(currency, section, "account", text(category.name()), text(row.code()), text(row.name()),
						Integer.toString(row.depth()), amount(row.amount(), currency), amount(row.rollup(), currency));
			}
			csv.row(currency, section, "category", text(category.name()), "", "", "",
					amount(category.total(), currency), "");
		}
		csv.row(currency, section, "total", "", "", "", "", amount(group.total(), currency), "");
	}

	static String amount(long minor, String currency) {
		return Amounts.decimal(minor, currency).toPlainString();
	}

	/** A text cell that no spreadsheet runs as a formula. */
	static String text(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		char first = value.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + value : value;
	}

	private static final class Csv {

		private final StringBuilder out = new StringBuilder();

		Csv(String... header) {
			row(header);
		}

		void row(String... cells) {
			for (int i = 0; i < cells.length; i++) {
				if (i > 0) {
					out.append(',');
				}
				out.append(quoted(cells[i]));
			}
			out.append("\r\n");
		}

		private static String quoted(String cell) {
			boolean needs = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
					|| cell.indexOf('\r') >= 0;
			return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
		}

		@Override
		public String toString() {
			return out.toString();
		}

	}

}
