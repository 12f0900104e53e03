package io.octavia.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

/**
 * A small set of books for the report tests, written through the domain in one tenant: a
 * chart of accounts with categories and parents in EUR and JPY, entries in effective
 * order except one back-dated last, a pending entry (in no report) and a reversal. The
 * expected numbers are in the tests; {@code recordedMark} lies between the fourth entry
 * and the pending one on the recorded axis.
 */
public final class LedgerBooks {

	public final TenantId tenant;

	public final LedgerId ledger;

	public final AccountId cash;

	public final AccountId bank;

	public final AccountId equipment;

	public final AccountId payables;

	public final AccountId capital;

	public final AccountId sales;

	public final AccountId rent;

	public final AccountId yenCash;

	public final AccountId yenCapital;

	public final Instant recordedMark;

	/** The name of the payables account: a formula, to see CSV cells defused. */
	public static final String FORMULA_NAME = "=HYPERLINK(\"http://evil\",\"Payables\")";

	public LedgerBooks(LedgerManagement ledgers, TenantId tenant) {
		this.tenant = tenant;
		this.ledger = as(() -> ledgers.createLedger(new CreateLedger("books", "Books", List.of("EUR", "JPY"), null)))
			.id();
		cash = account(ledgers, "1000", "Cash", AccountType.ASSET, "EUR", "current-assets", null);
		bank = account(ledgers, "1010", "Bank", AccountType.ASSET, "EUR", "current-assets", cash);
		equipment = account(ledgers, "1500", "Equipment", AccountType.ASSET, "EUR", "fixed-assets", null);
		payables = account(ledgers, "2000", FORMULA_NAME, AccountType.LIABILITY, "EUR", "current-liabilities", null);
		capital = account(ledgers, "3000", "Capital", AccountType.EQUITY, "EUR", "capital", null);
		sales = account(ledgers, "4000", "Sales", AccountType.REVENUE, "EUR", "sales", null);
		rent = account(ledgers, "5000", "Rent", AccountType.EXPENSE, "EUR", "operating", null);
		yenCash = account(ledgers, "1100", "Yen cash", AccountType.ASSET, "JPY", "current-assets", null);
		yenCapital = account(ledgers, "3100", "Yen capital", AccountType.EQUITY, "JPY", null, null);

		post(ledgers, "2026-01-05T09:00:00Z", yenCash, yenCapital, 500, false, "Yen in");
		post(ledgers, "2026-01-10T09:00:00Z", cash, capital, 100000, false, "Capital in");
		post(ledgers, "2026-02-15T09:00:00Z", bank, sales, 30000, false, "Invoice 1");
		post(ledgers, "2026-03-01T09:00:00Z", rent, cash, 12000, false, "Rent March");
		post(ledgers, "2026-03-20T09:00:00Z", equipment, payables, 50000, false, "Laptop");
		recordedMark = pause();
		post(ledgers, "2026-03-25T09:00:00Z", bank, sales, 7000, true, "Reserved");
		EntryId refunded = post(ledgers, "2026-04-05T09:00:00Z", bank, sales, 5000, false, "Invoice 2");
		as(() -> ledgers
			.reverse(new ReverseEntry(refunded, Instant.parse("2026-04-10T09:00:00Z"), "Refund", null, null)));
		post(ledgers, "2026-02-01T00:00:00Z", rent, bank, 3000, false, "Rent February (late)");
	}

	private AccountId account(LedgerManagement ledgers, String code, String name, AccountType type, String currency,
			String category, AccountId parent) {
		return as(() -> ledgers
			.openAccount(new CreateAccount(ledger, code, name, type, null, currency, category, parent, Map.of(), null)))
			.id();
	}

	private EntryId post(LedgerManagement ledgers, String effective, AccountId debit, AccountId credit, long amount,
			boolean pending, String description) {
		return as(() -> ledgers.post(new PostEntry(ledger,
				List.of(PostingLine.debit(debit, amount), PostingLine.credit(credit, amount)), pending, null,
				Instant.parse(effective), description, "ref-" + amount, Map.of("amount", amount), null, List.of())))
			.entry()
			.id();
	}

	/** A point in time strictly between two writes on the recorded axis. */
	private static Instant pause() {
		try {
			Thread.sleep(20);
			Instant mark = Instant.now();
			Thread.sleep(20);
			return mark;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private <T> T as(Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), work::get);
	}

}
