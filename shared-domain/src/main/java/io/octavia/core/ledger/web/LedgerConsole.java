package io.octavia.core.ledger.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.octavia.core.ledger.AccountDetails;
import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.AccountPage;
import io.octavia.core.ledger.AccountQuery;
import io.octavia.core.ledger.AccountStatement;
import io.octavia.core.ledger.AccountType;
import io.octavia.core.ledger.BalancePoint;
import io.octavia.core.ledger.EntryDetails;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.ledger.EntryPage;
import io.octavia.core.ledger.EntryQuery;
import io.octavia.core.ledger.LedgerDetails;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerManagement;
import io.octavia.core.ledger.LedgerReports;
import io.octavia.core.ledger.PostingDetails;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.web.ConsoleLinks;

import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What both consoles show of a ledger, as model attributes for the shared fragments in
 * {@code templates/ledger/ledger.html}: ledgers, accounts with balances, an account's
 * statement with its balance chart, the three reports, CSV downloads, and (for operators)
 * the entry explorer. Everything reads in the current tenant scope, which the console
 * sets: the portal the caller's own tenant, the operator console a tenant chosen through
 * the audited cross-tenant access. {@code base} is the URL the ledger pages of that
 * tenant live under, e.g. {@code /portal/ledgers}.
 */
@Component
public class LedgerConsole {

	/** The statement lines a page shows at once. */
	static final int STATEMENT_PAGE = 50;

	static final int ENTRY_PAGE = 25;

	static final int ACCOUNT_PAGE = 50;

	static final int CHART_POINTS = 60;

	/** Statement pages open on the last 90 days. */
	static final int STATEMENT_DAYS = 90;

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final LedgerManagement ledgers;

	private final LedgerReports reports;

	private final JsonMapper json = JsonMapper.builder().build();

	public LedgerConsole(LedgerManagement ledgers, LedgerReports reports) {
		this.ledgers = ledgers;
		this.reports = reports;
	}

	/** A CSV file to send. */
	public record Download(String filename, String body) {
	}

	public Map<String, Object> ledgers(String base, Locale locale) {
		Map<String, Object> model = common(base, locale);
		model.put("ledgers", ledgers.ledgers());
		return model;
	}

	/**
	 * The ledger's accounts by code, filtered, a page at a time ("load more" by cursor),
	 * with the codes of their parents.
	 */
	public Map<String, Object> ledger(String base, String ledgerId, AccountFilterForm filter, Locale locale) {
		Map<String, Object> model = common(base, locale);
		LedgerDetails ledger = ledger(ledgerId);
		String accountsUrl = base + "/" + ledger.id();
		Map<String, String> errors = new LinkedHashMap<>();
		AccountType type = null;
		if (!blank(filter.type())) {
			try {
				type = AccountType.of(filter.type().strip());
			}
			catch (IllegalArgumentException ex) {
				errors.put("type", "api.field.ledger.account_type");
			}
		}
		Boolean closed = null;
		if (!blank(filter.status())) {
			closed = switch (filter.status().strip()) {
				case "open" -> false;
				case "closed" -> true;
				default -> {
					errors.put("status", "api.field.ledger.account_status");
					yield null;
				}
			};
		}
		String prefix = blank(filter.prefix()) ? null : filter.prefix().strip();
		if (prefix != null && prefix.length() > 64) {
			errors.put("prefix", "api.field.ledger.account_code");
		}
		model.put("ledger", ledger);
		model.put("accountFilter", filter);
		model.put("accountFilterErrors", errors);
		model.put("accountsUrl", accountsUrl);
		model.put("accountTypes", AccountType.values());
		if (!errors.isEmpty()) {
			model.put("accounts", List.of());
			model.put("accountCodes", Map.of());
			return model;
		}
		AccountPage page = ledgers.accounts(new AccountQuery(ledger.id(), type, closed, null, null, null, null, prefix,
				blank(filter.cursor()) ? null : filter.cursor(), ACCOUNT_PAGE));
		model.put("accounts", page.items());
		model.put("accountCodes",
				codes(page.items(),
						page.items()
							.stream()
							.map(AccountDetails::parentId)
							.filter(Objects::nonNull)
							.collect(Collectors.toSet())));
		if (page.nextCursor() != null) {
			Map<String, String> query = new LinkedHashMap<>();
			put(query, "prefix", filter.prefix());
			put(query, "type", filter.type());
			put(query, "status", filter.status());
			query.put("cursor", page.nextCursor());
			model.put("accountsMoreUrl", ConsoleLinks.withQuery(accountsUrl, query));
		}
		return model;
	}

	/**
	 * The account page: its statement for the form's period (a page of lines, "load more"
	 * by cursor) and its balance over the period as a chart.
	 */
	public Map<String, Object> account(String base, String ledgerId, String accountId, ReportForm form,
			@Nullable String cursor, Locale locale) {
		Map<String, Object> model = common(base, locale);
		LedgerDetails ledger = ledger(ledgerId);
		AccountDetails account = account(ledger, accountId);
		ReportForm.Parsed parsed = form.parse(LocalDate.now(ZoneOffset.UTC).minusDays(STATEMENT_DAYS - 1));
		String accountUrl = base + "/" + ledger.id() + "/accounts/" + account.id();
		model.put("ledger", ledger);
		model.put("account", account);
		model.put("form", parsed);
		model.put("accountUrl", accountUrl);
		if (parsed.valid()) {
			Instant from = LedgerFormat.startOf(parsed.from());
			Instant to = LedgerFormat.startOf(parsed.to().plusDays(1));
			AccountStatement statement = reports.statement(account.id(), from, to, parsed.axis(), cursor,
					STATEMENT_PAGE);
			model.put("statement", statement);
			model.put("moreUrl", (statement.nextCursor() != null)
					? ConsoleLinks.withQuery(accountUrl, with(parsed.query(true), "cursor", statement.nextCursor()))
					: null);
			model.put("csvUrl", ConsoleLinks.withQuery(accountUrl + "/statement.csv", parsed.query(true)));
			if (cursor == null) {
				// the last point is the end of the last day, so the axis ends on that day
				List<BalancePoint> points = reports.balanceSeries(account.id(), from, LedgerFormat.endOf(parsed.to()),
						CHART_POINTS, parsed.axis());
				model.put("chart", BalanceChart.of(points, account.currency(), new LedgerFormat(locale)));
			}
		}
		return model;
	}

	public Download statementCsv(String ledgerId, String accountId, ReportForm form) {
		LedgerDetails ledger = ledger(ledgerId);
		AccountDetails account = account(ledger, accountId);
		ReportForm.Parsed parsed = valid(form.parse(LocalDate.now(ZoneOffset.UTC).minusDays(STATEMENT_DAYS - 1)));
		Instant from = LedgerFormat.startOf(parsed.from());
		Instant to = LedgerFormat.startOf(parsed.to().plusDays(1));
		AccountStatement first = reports.statement(account.id(), from, to, parsed.axis(), null,
				AccountStatement.MAX_LIMIT);
		String body = LedgerCsv.statement(first,
				next -> reports.statement(account.id(), from, to, parsed.axis(), next, AccountStatement.MAX_LIMIT));
		return new Download("statement-" + account.code().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + parsed.from() + "-"
				+ parsed.to() + ".csv", body);
	}

	/** One of the three reports for the form's date or period. */
	public Map<String, Object> report(String base, String ledgerId, String kind, ReportForm form, Locale locale) {
		Map<String, Object> model = common(base, locale);
		LedgerDetails ledger = ledger(ledgerId);
		ReportKind report = ReportKind.of(kind);
		ReportForm.Parsed parsed = form.parse(LocalDate.now(ZoneOffset.UTC).withDayOfYear(1));
		String reportUrl = base + "/" + ledger.id() + "/reports/" + report.slug();
		model.put("ledger", ledger);
		model.put("report", report);
		model.put("form", parsed);
		model.put("reportUrl", reportUrl);
		if (parsed.valid()) {
			model.put("csvUrl", ConsoleLinks.withQuery(reportUrl + "/csv", parsed.query(report.period())));
			switch (report) {
				case TRIAL_BALANCE ->
					model.put("trialBalance", reports.trialBalance(ledger.id(), end(parsed.asOf()), parsed.axis()));
				case BALANCE_SHEET ->
					model.put("balanceSheet", reports.balanceSheet(ledger.id(), end(parsed.asOf()), parsed.axis()));
				case INCOME_STATEMENT -> model.put("incomeStatement",
						reports.incomeStatement(ledger.id(), LedgerFormat.startOf(parsed.from()),
								LedgerFormat.startOf(parsed.to().plusDays(1)), parsed.axis()));
			}
		}
		return model;
	}

	public Download reportCsv(String ledgerId, String kind, ReportForm form) {
		LedgerDetails ledger = ledger(ledgerId);
		ReportKind report = ReportKind.of(kind);
		ReportForm.Parsed parsed = valid(form.parse(LocalDate.now(ZoneOffset.UTC).withDayOfYear(1)));
		String name = report.slug() + "-" + ledger.code() + "-";
		return switch (report) {
			case TRIAL_BALANCE -> new Download(name + parsed.asOf() + ".csv",
					LedgerCsv.trialBalance(reports.trialBalance(ledger.id(), end(parsed.asOf()), parsed.axis())));
			case BALANCE_SHEET -> new Download(name + parsed.asOf() + ".csv",
					LedgerCsv.balanceSheet(reports.balanceSheet(ledger.id(), end(parsed.asOf()), parsed.axis())));
			case INCOME_STATEMENT -> new Download(name + parsed.from() + "-" + parsed.to() + ".csv",
					LedgerCsv.incomeStatement(reports.incomeStatement(ledger.id(), LedgerFormat.startOf(parsed.from()),
							LedgerFormat.startOf(parsed.to().plusDays(1)), parsed.axis())));
		};
	}

	/**
	 * The entry explorer: the ledger's entries, newest first, filtered, a page at a time.
	 */
	public Map<String, Object> entries(String base, String ledgerId, EntryFilterForm filter, Locale locale) {
		Map<String, Object> model = common(base, locale);
		LedgerDetails ledger = ledger(ledgerId);
		model.put("ledger", ledger);
		// suggestions for the account field: a bounded list, any other account is typed
		model.put("accounts", ledgers.accounts(AccountQuery.all(ledger.id(), AccountQuery.MAX_LIMIT)).items());
		model.put("accountCodes", Map.of());
		Map<String, String> errors = new LinkedHashMap<>();
		AccountId account = null;
		if (!blank(filter.account())) {
			account = accountByCodeOrId(ledger, filter.account().strip());
			if (account == null) {
				errors.put("account", "ui.ledger.entries.account_invalid");
			}
		}
		ReportForm.Parsed range = new ReportForm(null, filter.from(), filter.to(), null).parse(LocalDate.MIN);
		errors.putAll(range.errors());
		Map<String, Object> metadata = null;
		if (filter.metadata() != null && !filter.metadata().isBlank()) {
			try {
				metadata = json.readValue(filter.metadata(), OBJECT);
			}
			catch (RuntimeException ex) {
				errors.put("metadata", "api.field.ledger.metadata_filter");
			}
		}
		String entriesUrl = base + "/" + ledger.id() + "/entries";
		model.put("filter", filter);
		model.put("filterErrors", errors);
		model.put("entriesUrl", entriesUrl);
		if (!errors.isEmpty()) {
			model.put("entries", new EntryPage(List.of(), null));
			return model;
		}
		Instant from = blank(filter.from()) ? null : LedgerFormat.startOf(range.from());
		Instant to = blank(filter.to()) ? null : LedgerFormat.startOf(range.to().plusDays(1));
		String reference = blank(filter.reference()) ? null : filter.reference().strip();
		EntryPage page = ledgers.entries(new EntryQuery(ledger.id(), account, from, to, null, null, reference, metadata,
				blank(filter.cursor()) ? null : filter.cursor(), ENTRY_PAGE));
		model.put("entries", page);
		model.put("accountCodes",
				codes(List.of(),
						page.items()
							.stream()
							.flatMap(entry -> entry.postings().stream())
							.map(PostingDetails::accountId)
							.collect(Collectors.toSet())));
		if (page.nextCursor() != null) {
			Map<String, String> query = new LinkedHashMap<>();
			put(query, "account", filter.account());
			put(query, "from", filter.from());
			put(query, "to", filter.to());
			put(query, "reference", filter.reference());
			put(query, "metadata", filter.metadata());
			query.put("cursor", page.nextCursor());
			model.put("moreUrl", ConsoleLinks.withQuery(entriesUrl, query));
		}
		return model;
	}

	public Map<String, Object> entry(String base, String ledgerId, String entryId, Locale locale) {
		Map<String, Object> model = common(base, locale);
		LedgerDetails ledger = ledger(ledgerId);
		EntryDetails entry = parse(entryId).map(EntryId::new)
			.flatMap(ledgers::findEntry)
			.filter(found -> found.ledgerId().equals(ledger.id()))
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_entry_not_found", entryId));
		model.put("ledger", ledger);
		model.put("entry", entry);
		model.put("accountCodes",
				codes(List.of(), entry.postings().stream().map(PostingDetails::accountId).collect(Collectors.toSet())));
		return model;
	}

	// helpers

	private static Map<String, Object> common(String base, Locale locale) {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("ledgerBase", base);
		model.put("fmt", new LedgerFormat(locale));
		model.put("reportKinds", ReportKind.values());
		return model;
	}

	private LedgerDetails ledger(String ledgerId) {
		return parse(ledgerId).map(LedgerId::new)
			.flatMap(ledgers::findLedger)
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_not_found", ledgerId));
	}

	private AccountDetails account(LedgerDetails ledger, String accountId) {
		return parse(accountId).map(AccountId::new)
			.flatMap(ledgers::findAccount)
			.filter(account -> account.ledgerId().equals(ledger.id()))
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_account_not_found", accountId));
	}

	/**
	 * The codes of the wanted accounts: from those at hand, the others in one query (a
	 * page of accounts or entries names only a few).
	 */
	private Map<AccountId, String> codes(Collection<AccountDetails> known, Set<AccountId> wanted) {
		Map<AccountId, String> codes = new HashMap<>();
		known.forEach(account -> codes.put(account.id(), account.code()));
		List<AccountId> missing = wanted.stream().filter(id -> !codes.containsKey(id)).toList();
		if (!missing.isEmpty()) {
			ledgers.findAccounts(missing).forEach(account -> codes.put(account.id(), account.code()));
		}
		return codes;
	}

	/** An account of the ledger by its id or its code; null if there is none. */
	private @Nullable AccountId accountByCodeOrId(LedgerDetails ledger, String wanted) {
		Optional<AccountDetails> byId = parse(wanted).map(AccountId::new)
			.flatMap(ledgers::findAccount)
			.filter(account -> account.ledgerId().equals(ledger.id()));
		if (byId.isPresent()) {
			return byId.get().id();
		}
		if (wanted.length() > 64) {
			return null;
		}
		return ledgers.accounts(new AccountQuery(ledger.id(), null, null, null, null, null, wanted, null, null, 1))
			.items()
			.stream()
			.findFirst()
			.map(AccountDetails::id)
			.orElse(null);
	}

	private static Optional<UUID> parse(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A download needs valid dates: the page's form shows the problem, a link never has
	 * one.
	 */
	private static ReportForm.Parsed valid(ReportForm.Parsed parsed) {
		if (!parsed.valid()) {
			throw new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "validation_failed", 1);
		}
		return parsed;
	}

	private static Instant end(LocalDate day) {
		return LedgerFormat.endOf(day);
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private static void put(Map<String, String> query, String name, @Nullable String value) {
		if (!blank(value)) {
			query.put(name, value);
		}
	}

	private static Map<String, String> with(Map<String, String> query, String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(query);
		more.put(name, value);
		return more;
	}

}
