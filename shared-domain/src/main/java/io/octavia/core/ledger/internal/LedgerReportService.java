package io.octavia.core.ledger.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.AccountStatement;
import io.octavia.core.ledger.AccountType;
import io.octavia.core.ledger.Amounts;
import io.octavia.core.ledger.BalancePoint;
import io.octavia.core.ledger.BalanceSheet;
import io.octavia.core.ledger.Direction;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.ledger.EntryKind;
import io.octavia.core.ledger.IncomeStatement;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerReports;
import io.octavia.core.ledger.ReportGroup;
import io.octavia.core.ledger.TimeAxis;
import io.octavia.core.ledger.TrialBalance;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.TenantContext;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reports, from the totals each posting stores as of itself: a balance at a point in
 * time is the posted totals of the account's last posting at (or, for the end of a
 * period, before) that time on the chosen axis — one probe of the axis's index per
 * account and point, in one statement per report. Only posted totals are read.
 */
@Service
class LedgerReportService implements LedgerReports {

	private static final String CURSOR = "ls1";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	LedgerReportService(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.readOnly = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
		this.readOnly.setReadOnly(true);
	}

	private <T> T read(Supplier<T> work) {
		TenantContext.requireTenant();
		return Objects.requireNonNull(readOnly.execute(status -> work.get()));
	}

	private static UUID tenant() {
		return TenantContext.requireTenant().value();
	}

	// the reports

	@Override
	public TrialBalance trialBalance(LedgerId ledger, Instant asOf, TimeAxis axis) {
		return read(() -> {
			Map<String, List<AccountTotals>> byCurrency = byCurrency(
					totals(ledger, axis, new Instant[] { asOf }, true));
			List<TrialBalance.Section> sections = new ArrayList<>();
			byCurrency.forEach((currency, accounts) -> {
				List<TrialBalance.Line> lines = new ArrayList<>();
				long debits = 0;
				long credits = 0;
				for (AccountTotals account : accounts) {
					long net = Math.subtractExact(account.debits(0), account.credits(0));
					long debit = Math.max(net, 0);
					long credit = Math.max(Math.negateExact(net), 0);
					debits = Math.addExact(debits, debit);
					credits = Math.addExact(credits, credit);
					lines.add(new TrialBalance.Line(account.id(), account.code(), account.name(), account.type(),
							account.category(), account.parentId(), debit, credit));
				}
				sections.add(new TrialBalance.Section(currency, Amounts.exponent(currency), List.copyOf(lines), debits,
						credits));
			});
			return new TrialBalance(ledger, asOf, axis, List.copyOf(sections));
		});
	}

	@Override
	public BalanceSheet balanceSheet(LedgerId ledger, Instant asOf, TimeAxis axis) {
		return read(() -> {
			Map<String, List<AccountTotals>> byCurrency = byCurrency(
					totals(ledger, axis, new Instant[] { asOf }, true));
			List<BalanceSheet.Section> sections = new ArrayList<>();
			byCurrency.forEach((currency, accounts) -> {
				long revenue = group(accounts, AccountType.REVENUE, 0).total();
				long expenses = group(accounts, AccountType.EXPENSE, 0).total();
				sections.add(new BalanceSheet.Section(currency, Amounts.exponent(currency),
						group(accounts, AccountType.ASSET, 0), group(accounts, AccountType.LIABILITY, 0),
						group(accounts, AccountType.EQUITY, 0), Math.subtractExact(revenue, expenses)));
			});
			return new BalanceSheet(ledger, asOf, axis, List.copyOf(sections));
		});
	}

	@Override
	public IncomeStatement incomeStatement(LedgerId ledger, Instant from, Instant to, TimeAxis axis) {
		range(from, to);
		return read(() -> {
			// point 0: before the start, point 1: before the end; the movement is 1 − 0
			Map<String, List<AccountTotals>> byCurrency = byCurrency(
					totals(ledger, axis, new Instant[] { from, to }, false));
			List<IncomeStatement.Section> sections = new ArrayList<>();
			byCurrency.forEach((currency, accounts) -> sections
				.add(new IncomeStatement.Section(currency, Amounts.exponent(currency),
						group(accounts, AccountType.REVENUE, 1), group(accounts, AccountType.EXPENSE, 1))));
			return new IncomeStatement(ledger, from, to, axis, List.copyOf(sections));
		});
	}

	@Override
	public AccountStatement statement(AccountId account, Instant from, Instant to, TimeAxis axis,
			@Nullable String cursor, int limit) {
		FieldProblems problems = new FieldProblems();
		if (!from.isBefore(to)) {
			problems.add("to", "api.field.ledger.period_range");
		}
		if (limit < 1 || limit > AccountStatement.MAX_LIMIT) {
			problems.add("limit", "api.field.limit", AccountStatement.MAX_LIMIT);
		}
		StatementCursor after = (cursor != null) ? StatementCursor.decode(cursor) : null;
		if (cursor != null && after == null) {
			problems.add("cursor", "api.field.cursor");
		}
		problems.throwIfAny();
		return read(() -> {
			StatementAccount header = jdbc
				.query("""
						SELECT ledger_id, code, name, currency, normal_balance FROM ledger_account
						WHERE tenant_id = ? AND account_id = ?""",
						(rs, n) -> new StatementAccount(new LedgerId(rs.getObject(1, UUID.class)), rs.getString(2),
								rs.getString(3), rs.getString(4), Direction.of(rs.getString(5))),
						tenant(), account.value())
				.stream()
				.findFirst()
				.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_account_not_found",
						account.toString()));
			boolean credit = header.normal() == Direction.CREDIT;
			long[] opening = probe(account, axis, from);
			long[] closing = probe(account, axis, to);
			String time = (axis == TimeAxis.RECORDED) ? "p.recorded_at" : "p.effective_at";
			String totals = (axis == TimeAxis.RECORDED) ? "p.after_posted_debits, p.after_posted_credits"
					: "p.eff_posted_debits, p.eff_posted_credits";
			List<Object> args = new ArrayList<>(
					List.of(tenant(), account.value(), EntryWriter.utc(from), EntryWriter.utc(to)));
			StringBuilder sql = new StringBuilder("""
					SELECT p.entry_id, p.seq, e.kind, p.effective_at, p.recorded_at, e.description,
					       e.external_reference, p.direction, p.posted_amount, %s, %s, p.account_version
					FROM ledger_posting p
					JOIN ledger_entry e ON e.tenant_id = p.tenant_id AND e.entry_id = p.entry_id
					WHERE p.tenant_id = ? AND p.account_id = ? AND %s >= ? AND %s < ? AND p.posted_amount > 0"""
				.formatted(totals, time, time, time));
			if (after != null) {
				sql.append(" AND (").append(time).append(", p.account_version) > (?, ?)");
				args.add(EntryWriter.utc(after.at()));
				args.add(after.version());
			}
			sql.append(" ORDER BY ").append(time).append(", p.account_version LIMIT ?");
			args.add(limit + 1);
			List<StatementCursor> positions = new ArrayList<>();
			List<AccountStatement.Line> lines = jdbc.query(sql.toString(), (rs, n) -> {
				positions.add(new StatementCursor(LedgerReads.instant(rs, 12), rs.getLong(13)));
				long posted = rs.getLong(9);
				boolean debit = "debit".equals(rs.getString(8));
				return new AccountStatement.Line(new EntryId(rs.getObject(1, UUID.class)), rs.getLong(2),
						EntryKind.of(rs.getString(3)), LedgerReads.instant(rs, 4), LedgerReads.instant(rs, 5),
						rs.getString(6), rs.getString(7), debit ? posted : 0, debit ? 0 : posted,
						signed(credit, rs.getLong(10), rs.getLong(11)));
			}, args.toArray());
			String next = null;
			if (lines.size() > limit) {
				lines = lines.subList(0, limit);
				next = positions.get(limit - 1).encode();
			}
			return new AccountStatement(account, header.ledger(), header.code(), header.name(), header.currency(),
					Amounts.exponent(header.currency()), header.normal(), from, to, axis,
					signed(credit, opening[0], opening[1]), Math.subtractExact(closing[0], opening[0]),
					Math.subtractExact(closing[1], opening[1]), signed(credit, closing[0], closing[1]),
					List.copyOf(lines), next);
		});
	}

	@Override
	public List<BalancePoint> balanceSeries(AccountId account, Instant from, Instant to, int points, TimeAxis axis) {
		FieldProblems problems = new FieldProblems();
		if (!from.isBefore(to)) {
			problems.add("to", "api.field.ledger.period_range");
		}
		if (points < 2 || points > MAX_SERIES_POINTS) {
			problems.add("points", "api.field.ledger.series_points", MAX_SERIES_POINTS);
		}
		problems.throwIfAny();
		long span = ChronoUnit.MICROS.between(from, to);
		List<Instant> times = new ArrayList<>();
		for (int i = 0; i < points; i++) {
			times.add((i == points - 1) ? to : from.plus(span / (points - 1) * i, ChronoUnit.MICROS));
		}
		return read(() -> {
			String normal = jdbc
				.query("SELECT normal_balance FROM ledger_account WHERE tenant_id = ? AND account_id = ?",
						(rs, n) -> rs.getString(1), tenant(), account.value())
				.stream()
				.findFirst()
				.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_account_not_found",
						account.toString()));
			boolean credit = "credit".equals(normal);
			String probe = probeSql(axis, "t.at", true);
			return jdbc.query(connection -> {
				var ps = connection.prepareStatement("""
						SELECT t.at, coalesce(b.debits, 0), coalesce(b.credits, 0)
						FROM unnest(?::timestamptz[]) WITH ORDINALITY AS t(at, n)
						LEFT JOIN LATERAL (%s) b ON true
						ORDER BY t.n""".formatted(probe));
				ps.setArray(1, connection.createArrayOf("text", times.stream().map(Instant::toString).toArray()));
				ps.setObject(2, tenant());
				ps.setObject(3, account.value());
				return ps;
			}, (rs, n) -> new BalancePoint(LedgerReads.instant(rs, 1), signed(credit, rs.getLong(2), rs.getLong(3))));
		});
	}

	// point-in-time totals

	/**
	 * Posted debits and credits of the account's last posting at or before (or before) a
	 * time.
	 */
	private static String probeSql(TimeAxis axis, String at, boolean inclusive) {
		String time = (axis == TimeAxis.RECORDED) ? "p.recorded_at" : "p.effective_at";
		String totals = (axis == TimeAxis.RECORDED)
				? "p.after_posted_debits AS debits, p.after_posted_credits AS credits"
				: "p.eff_posted_debits AS debits, p.eff_posted_credits AS credits";
		return """
				SELECT %s FROM ledger_posting p
				WHERE p.tenant_id = ? AND p.account_id = ? AND %s %s %s
				ORDER BY %s DESC, p.account_version DESC LIMIT 1""".formatted(totals, time, inclusive ? "<=" : "<", at,
				time);
	}

	/** The account's posted debits and credits before {@code at}. */
	private long[] probe(AccountId account, TimeAxis axis, Instant at) {
		return jdbc
			.query(probeSql(axis, "?", false), (rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }, tenant(),
					account.value(), EntryWriter.utc(at))
			.stream()
			.findFirst()
			.orElse(new long[] { 0, 0 });
	}

	/**
	 * Every account of the ledger with its posted totals at each of the points in time
	 * (at or before each when {@code inclusive}, else strictly before).
	 */
	private List<AccountTotals> totals(LedgerId ledger, TimeAxis axis, Instant[] points, boolean inclusive) {
		UUID tenant = tenant();
		if (jdbc
			.queryForList("SELECT 1 FROM ledger WHERE tenant_id = ? AND ledger_id = ?", Integer.class, tenant,
					ledger.value())
			.isEmpty()) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_not_found", ledger.toString());
		}
		StringBuilder columns = new StringBuilder();
		StringBuilder joins = new StringBuilder();
		List<Object> args = new ArrayList<>();
		for (int i = 0; i < points.length; i++) {
			columns.append(", coalesce(b").append(i).append(".debits, 0), coalesce(b").append(i).append(".credits, 0)");
			joins.append(" LEFT JOIN LATERAL (")
				.append(probeSql(axis, "?", inclusive).replace("p.tenant_id = ? AND p.account_id = ?",
						"p.tenant_id = a.tenant_id AND p.account_id = a.account_id"))
				.append(") b")
				.append(i)
				.append(" ON true");
			args.add(EntryWriter.utc(points[i]));
		}
		args.add(tenant);
		args.add(ledger.value());
		String sql = "SELECT a.account_id, a.code, a.name, a.type, a.normal_balance, a.currency, a.category, a.parent_id"
				+ columns + " FROM ledger_account a" + joins
				+ " WHERE a.tenant_id = ? AND a.ledger_id = ? ORDER BY a.currency, a.code";
		return jdbc.query(sql, (rs, n) -> totalsRow(rs, points.length), args.toArray());
	}

	private static AccountTotals totalsRow(ResultSet rs, int points) throws SQLException {
		long[] debits = new long[points];
		long[] credits = new long[points];
		for (int i = 0; i < points; i++) {
			debits[i] = rs.getLong(9 + 2 * i);
			credits[i] = rs.getLong(10 + 2 * i);
		}
		UUID parent = rs.getObject(8, UUID.class);
		return new AccountTotals(new AccountId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3),
				AccountType.of(rs.getString(4)), rs.getString(6), rs.getString(7),
				(parent != null) ? new AccountId(parent) : null, debits, credits);
	}

	private static Map<String, List<AccountTotals>> byCurrency(List<AccountTotals> accounts) {
		return accounts.stream()
			.collect(Collectors.groupingBy(AccountTotals::currency, TreeMap::new, Collectors.toList()));
	}

	// roll-ups

	/**
	 * The accounts of one type: each with its amount (at point {@code point}, minus point
	 * 0 when that is a later point), signed to the type's normal side; rolled up along
	 * parents of the same type (and currency) and grouped by category.
	 */
	private static ReportGroup group(List<AccountTotals> accounts, AccountType type, int point) {
		List<AccountTotals> ofType = accounts.stream().filter(account -> account.type() == type).toList();
		Map<AccountId, AccountTotals> byId = new LinkedHashMap<>();
		ofType.forEach(account -> byId.put(account.id(), account));
		Map<AccountId, List<AccountTotals>> children = new HashMap<>();
		List<AccountTotals> roots = new ArrayList<>();
		for (AccountTotals account : ofType) {
			if (account.parentId() != null && byId.containsKey(account.parentId())) {
				children.computeIfAbsent(account.parentId(), parent -> new ArrayList<>()).add(account);
			}
			else {
				roots.add(account);
			}
		}
		boolean credit = type.normalBalance() == Direction.CREDIT;
		Map<AccountId, Long> amounts = new HashMap<>();
		for (AccountTotals account : ofType) {
			long amount = signed(credit, account.debits(point), account.credits(point));
			if (point > 0) {
				amount = Math.subtractExact(amount, signed(credit, account.debits(0), account.credits(0)));
			}
			amounts.put(account.id(), amount);
		}
		Comparator<AccountTotals> byCode = Comparator.comparing(AccountTotals::code);
		roots.sort(byCode);
		children.values().forEach(list -> list.sort(byCode));
		breakCycles(ofType, roots, children);
		Map<AccountId, Long> rollups = new HashMap<>();
		roots.forEach(root -> rollup(root, children, amounts, rollups));
		List<ReportGroup.Row> rows = new ArrayList<>();
		roots.forEach(root -> treeOrder(root, 0, children, amounts, rollups, rows));
		Map<String, List<ReportGroup.Row>> byCategory = new TreeMap<>();
		List<ReportGroup.Row> uncategorized = new ArrayList<>();
		long total = 0;
		for (ReportGroup.Row row : rows) {
			String category = byId.get(row.accountId()).category();
			(category != null ? byCategory.computeIfAbsent(category, name -> new ArrayList<>()) : uncategorized)
				.add(row);
			total = Math.addExact(total, row.amount());
		}
		List<ReportGroup.Category> categories = new ArrayList<>();
		byCategory.forEach((name, members) -> categories.add(category(name, members)));
		if (!uncategorized.isEmpty()) {
			categories.add(category(null, uncategorized));
		}
		return new ReportGroup(type, total, List.copyOf(categories));
	}

	private static ReportGroup.Category category(@Nullable String name, List<ReportGroup.Row> rows) {
		long total = 0;
		for (ReportGroup.Row row : rows) {
			total = Math.addExact(total, row.amount());
		}
		return new ReportGroup.Category(name, total, List.copyOf(rows));
	}

	/**
	 * Parents may form a loop (each account names another as parent): none of them is
	 * under a root then. The first such account by code becomes a root, until every
	 * account is reachable, so no amount is left out.
	 */
	private static void breakCycles(List<AccountTotals> accounts, List<AccountTotals> roots,
			Map<AccountId, List<AccountTotals>> children) {
		Set<AccountId> reached = new HashSet<>();
		roots.forEach(root -> reach(root, children, reached));
		for (AccountTotals account : accounts.stream().sorted(Comparator.comparing(AccountTotals::code)).toList()) {
			if (!reached.contains(account.id())) {
				children.getOrDefault(account.parentId(), new ArrayList<>()).remove(account);
				roots.add(account);
				reach(account, children, reached);
			}
		}
	}

	private static void reach(AccountTotals account, Map<AccountId, List<AccountTotals>> children,
			Set<AccountId> reached) {
		if (reached.add(account.id())) {
			children.getOrDefault(account.id(), List.of()).forEach(child -> reach(child, children, reached));
		}
	}

	/** The account's own amount plus its descendants' (post-order). */
	private static long rollup(AccountTotals account, Map<AccountId, List<AccountTotals>> children,
			Map<AccountId, Long> amounts, Map<AccountId, Long> rollups) {
		long rollup = amounts.get(account.id());
		for (AccountTotals child : children.getOrDefault(account.id(), List.of())) {
			rollup = Math.addExact(rollup, rollup(child, children, amounts, rollups));
		}
		rollups.put(account.id(), rollup);
		return rollup;
	}

	/** Each account, then its children by code (pre-order). */
	private static void treeOrder(AccountTotals account, int depth, Map<AccountId, List<AccountTotals>> children,
			Map<AccountId, Long> amounts, Map<AccountId, Long> rollups, List<ReportGroup.Row> rows) {
		rows.add(new ReportGroup.Row(account.id(), account.code(), account.name(), account.parentId(), depth,
				amounts.get(account.id()), rollups.get(account.id())));
		for (AccountTotals child : children.getOrDefault(account.id(), List.of())) {
			treeOrder(child, depth + 1, children, amounts, rollups, rows);
		}
	}

	private static long signed(boolean creditNormal, long debits, long credits) {
		return creditNormal ? Math.subtractExact(credits, debits) : Math.subtractExact(debits, credits);
	}

	private static void range(Instant from, Instant to) {
		if (!from.isBefore(to)) {
			new FieldProblems().add("to", "api.field.ledger.period_range").throwIfAny();
		}
	}

	/**
	 * Where a statement page ended: the last line's time on the axis and account version.
	 */
	private record StatementCursor(Instant at, long version) {

		String encode() {
			String plain = CURSOR + ":" + ChronoUnit.MICROS.between(Instant.EPOCH, at) + ":" + version;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
		}

		static @Nullable StatementCursor decode(String text) {
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":");
				if (parts.length != 3 || !parts[0].equals(CURSOR)) {
					return null;
				}
				return new StatementCursor(Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS),
						Long.parseLong(parts[2]));
			}
			catch (IllegalArgumentException | DateTimeException | ArithmeticException ex) {
				return null;
			}
		}

	}

	private record StatementAccount(LedgerId ledger, String code, String name, String currency, Direction normal) {
	}

	/** An account with its posted totals at each point in time a report asked for. */
	private record AccountTotals(AccountId id, String code, String name, AccountType type, String currency,
			@Nullable String category, @Nullable AccountId parentId, long[] debitsAt, long[] creditsAt) {

		long debits(int point) {
			return debitsAt[point];
		}

		long credits(int point) {
			return creditsAt[point];
		}

	}

}
