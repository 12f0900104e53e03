package io.octavia.core.ledger.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.ledger.AccountBounds;
import io.octavia.core.ledger.AccountDetails;
import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.AccountPage;
import io.octavia.core.ledger.AccountQuery;
import io.octavia.core.ledger.AccountType;
import io.octavia.core.ledger.Balance;
import io.octavia.core.ledger.Direction;
import io.octavia.core.ledger.EntryDetails;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.ledger.EntryKind;
import io.octavia.core.ledger.EntryPage;
import io.octavia.core.ledger.EntryQuery;
import io.octavia.core.ledger.EntryStatus;
import io.octavia.core.ledger.LedgerDetails;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.PeriodDetails;
import io.octavia.core.ledger.PeriodId;
import io.octavia.core.ledger.PostingDetails;
import io.octavia.core.ledger.PostingPage;
import io.octavia.core.ledger.TimeAxis;
import io.octavia.core.platform.TenantContext;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger's queries. Each names the tenant of the current scope explicitly (besides
 * row-level security), so its indexes, which start with {@code tenant_id}, serve it.
 */
@Component
class LedgerReads {

	private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
	};

	static final String LEDGER_COLUMNS = "ledger_id, code, name, currencies, metadata::text, created_at";

	static final String ACCOUNT_COLUMNS = """
			account_id, ledger_id, code, name, type, normal_balance, currency, category, parent_id, metadata::text,
			debits_must_not_exceed_credits, credits_must_not_exceed_debits, overdraft_limit, closed_at, posted_debits,
			posted_credits, pending_debits, pending_credits, version, created_at, updated_at""";

	static final String PERIOD_COLUMNS = "period_id, ledger_id, name, starts_at, ends_at, status, closed_at, closed_by";

	private static final String ENTRY_COLUMNS = """
			SELECT e.entry_id, e.ledger_id, e.seq, e.kind, e.pending_entry_id, e.reverses_entry_id, e.effective_at,
			       e.recorded_at, e.timeout_at, e.description, e.external_reference, e.metadata::text,
			       e.idempotency_key, r.entry_id, r.kind, v.entry_id
			""";

	/** The entry's resolution (of a pending entry) and reversal. */
	private static final String ENTRY_JOINS = """
			LEFT JOIN ledger_entry r ON r.tenant_id = e.tenant_id AND r.pending_entry_id = e.entry_id
			LEFT JOIN ledger_entry v ON v.tenant_id = e.tenant_id AND v.reverses_entry_id = e.entry_id
			""";

	private static final String ENTRY_SELECT = ENTRY_COLUMNS + " FROM ledger_entry e " + ENTRY_JOINS;

	/**
	 * The order of one account's postings: {@code ledger_posting_recorded_idx} serves it,
	 * so a page of a busy account is a range scan of that account's postings. It equals
	 * their seq order: an account's version grows with every posting, in the order the
	 * postings were inserted, and its recorded_at never goes back.
	 */
	private static final String ACCOUNT_ORDER = "%1$s.recorded_at DESC, %1$s.account_version DESC";

	// cursor kinds: seq order, one account's order, accounts by code

	static final String ENTRIES = "le1";

	static final String ENTRIES_OF_ACCOUNT = "lea1";

	static final String POSTINGS = "lp1";

	static final String POSTINGS_OF_ACCOUNT = "lpa1";

	static final String ACCOUNTS = "la1";

	/**
	 * The last instant a cursor may name: timestamptz holds it, Instant arithmetic too.
	 */
	private static final long LAST_MICROS = micros(Instant.parse("9999-12-31T23:59:59.999999Z"));

	private static final String POSTING_SELECT = """
			SELECT p.entry_id, p.seq, p.posting_index, p.account_id, p.currency, p.direction, p.posted_amount,
			       p.pending_amount, p.effective_at, p.recorded_at, p.account_version, p.after_posted_debits,
			       p.after_posted_credits, p.after_pending_debits, p.after_pending_credits, a.normal_balance
			FROM ledger_posting p
			JOIN ledger_account a ON a.tenant_id = p.tenant_id AND a.account_id = p.account_id
			""";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	LedgerReads(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	private static UUID tenant() {
		return TenantContext.requireTenant().value();
	}

	Map<String, Object> metadata(@Nullable String text) {
		return (text == null) ? Map.of() : json.readValue(text, METADATA);
	}

	// ledgers and accounts

	Optional<LedgerDetails> ledger(LedgerId id) {
		return jdbc
			.query("SELECT " + LEDGER_COLUMNS + " FROM ledger WHERE tenant_id = ? AND ledger_id = ?", this::ledgerRow,
					tenant(), id.value())
			.stream()
			.findFirst();
	}

	List<LedgerDetails> ledgers() {
		return jdbc.query("SELECT " + LEDGER_COLUMNS + " FROM ledger WHERE tenant_id = ? ORDER BY code",
				this::ledgerRow, tenant());
	}

	LedgerDetails ledgerRow(ResultSet rs, int n) throws SQLException {
		return new LedgerDetails(new LedgerId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3),
				List.of((String[]) rs.getArray(4).getArray()), metadata(rs.getString(5)), instant(rs, 6));
	}

	Optional<AccountDetails> account(AccountId id) {
		return jdbc
			.query("SELECT " + ACCOUNT_COLUMNS + " FROM ledger_account WHERE tenant_id = ? AND account_id = ?",
					this::accountRow, tenant(), id.value())
			.stream()
			.findFirst();
	}

	/** A statement and its arguments, as the reads run it. */
	record Sql(String text, Object[] args) {
	}

	/**
	 * By code on {@code ledger_account_code_key} (tenant, ledger, code), the cursor being
	 * the last code; the filters are checked on that scan (a chart of accounts is read in
	 * code order until a page is full).
	 */
	Sql accountsSql(AccountQuery query, @Nullable String afterCode) {
		List<Object> args = new ArrayList<>(List.of(tenant(), query.ledgerId().value()));
		StringBuilder sql = new StringBuilder("SELECT " + ACCOUNT_COLUMNS)
			.append(" FROM ledger_account WHERE tenant_id = ? AND ledger_id = ?");
		if (afterCode != null) {
			sql.append(" AND code > ?");
			args.add(afterCode);
		}
		if (query.type() != null) {
			sql.append(" AND type = ?");
			args.add(query.type().value());
		}
		if (query.closed() != null) {
			sql.append(query.closed() ? " AND closed_at IS NOT NULL" : " AND closed_at IS NULL");
		}
		equal(sql, args, "category", query.category());
		equal(sql, args, "parent_id", (query.parentId() != null) ? query.parentId().value() : null);
		equal(sql, args, "currency", query.currency());
		equal(sql, args, "code", query.code());
		if (query.codePrefix() != null) {
			// a filter, not a range of the index: under the database's collation the
			// codes with a prefix need not sort together
			sql.append(" AND starts_with(code, ?)");
			args.add(query.codePrefix());
		}
		sql.append(" ORDER BY code LIMIT ?");
		args.add(query.limit() + 1);
		return new Sql(sql.toString(), args.toArray());
	}

	AccountPage accounts(AccountQuery query, @Nullable String afterCode) {
		Sql sql = accountsSql(query, afterCode);
		List<AccountDetails> items = jdbc.query(sql.text(), this::accountRow, sql.args());
		String next = null;
		if (items.size() > query.limit()) {
			items = items.subList(0, query.limit());
			next = encodeCodeCursor(items.get(items.size() - 1).code());
		}
		return new AccountPage(List.copyOf(items), next);
	}

	List<AccountDetails> accounts(Collection<AccountId> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.query(connection -> {
			var ps = connection.prepareStatement(
					"SELECT " + ACCOUNT_COLUMNS + " FROM ledger_account WHERE tenant_id = ? AND account_id = ANY (?)");
			ps.setObject(1, tenant());
			ps.setArray(2, connection.createArrayOf("uuid", ids.stream().map(AccountId::value).toArray()));
			return ps;
		}, this::accountRow);
	}

	private static void equal(StringBuilder sql, List<Object> args, String column, @Nullable Object value) {
		if (value != null) {
			sql.append(" AND ").append(column).append(" = ?");
			args.add(value);
		}
	}

	AccountDetails accountRow(ResultSet rs, int n) throws SQLException {
		AccountId id = new AccountId(rs.getObject(1, UUID.class));
		Direction normal = Direction.of(rs.getString(6));
		String currency = rs.getString(7);
		UUID parent = rs.getObject(9, UUID.class);
		Balance balance = Balance.of(id, currency, normal, rs.getLong(15), rs.getLong(16), rs.getLong(17),
				rs.getLong(18), rs.getLong(19), null);
		return new AccountDetails(id, new LedgerId(rs.getObject(2, UUID.class)), rs.getString(3), rs.getString(4),
				AccountType.of(rs.getString(5)), normal, currency, rs.getString(8),
				(parent != null) ? new AccountId(parent) : null, metadata(rs.getString(10)),
				new AccountBounds(rs.getBoolean(11), rs.getBoolean(12), (Long) rs.getObject(13)),
				nullableInstant(rs, 14), balance, instant(rs, 20), instant(rs, 21));
	}

	// periods

	Optional<PeriodDetails> period(PeriodId id) {
		return jdbc
			.query("SELECT " + PERIOD_COLUMNS + " FROM ledger_period WHERE tenant_id = ? AND period_id = ?",
					this::periodRow, tenant(), id.value())
			.stream()
			.findFirst();
	}

	List<PeriodDetails> periods(LedgerId ledger) {
		return jdbc.query(
				"SELECT " + PERIOD_COLUMNS
						+ " FROM ledger_period WHERE tenant_id = ? AND ledger_id = ? ORDER BY starts_at",
				this::periodRow, tenant(), ledger.value());
	}

	PeriodDetails periodRow(ResultSet rs, int n) throws SQLException {
		return new PeriodDetails(new PeriodId(rs.getObject(1, UUID.class)), new LedgerId(rs.getObject(2, UUID.class)),
				rs.getString(3), instant(rs, 4), instant(rs, 5), "closed".equals(rs.getString(6)),
				nullableInstant(rs, 7), rs.getString(8));
	}

	// balances

	Optional<Balance> balance(AccountId account) {
		return jdbc
			.query("""
					SELECT currency, normal_balance, posted_debits, posted_credits, pending_debits, pending_credits, version
					FROM ledger_account WHERE tenant_id = ? AND account_id = ?""",
					(rs, n) -> Balance.of(account, rs.getString(1), Direction.of(rs.getString(2)), rs.getLong(3),
							rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), null),
					tenant(), account.value())
			.stream()
			.findFirst();
	}

	/**
	 * One probe on the axis's index: the last posting of the account at or before the
	 * time.
	 */
	Optional<Balance> balanceAsOf(AccountId account, Instant at, TimeAxis axis) {
		Optional<Balance> now = balance(account);
		if (now.isEmpty()) {
			return now;
		}
		String sql = (axis == TimeAxis.RECORDED) ? """
				SELECT after_posted_debits, after_posted_credits, after_pending_debits, after_pending_credits,
				       account_version
				FROM ledger_posting WHERE tenant_id = ? AND account_id = ? AND recorded_at <= ?
				ORDER BY recorded_at DESC, account_version DESC LIMIT 1""" : """
				SELECT eff_posted_debits, eff_posted_credits, eff_pending_debits, eff_pending_credits, account_version
				FROM ledger_posting WHERE tenant_id = ? AND account_id = ? AND effective_at <= ?
				ORDER BY effective_at DESC, account_version DESC LIMIT 1""";
		Balance current = now.get();
		List<Balance> found = jdbc.query(sql,
				(rs, n) -> Balance.of(account, current.currency(), current.normalBalance(), rs.getLong(1),
						rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), at),
				tenant(), account.value(), EntryWriter.utc(at));
		return Optional.of(found.isEmpty()
				? Balance.of(account, current.currency(), current.normalBalance(), 0, 0, 0, 0, 0, at) : found.get(0));
	}

	/**
	 * {@link #balance} or {@link #balanceAsOf} of an account of the ledger, in one
	 * statement: the account row and, for a time, the one probe on the axis's index.
	 */
	Optional<Balance> balanceIn(LedgerId ledger, AccountId account, @Nullable Instant at, TimeAxis axis) {
		if (at == null) {
			return jdbc
				.query("""
						SELECT currency, normal_balance, posted_debits, posted_credits, pending_debits, pending_credits, version
						FROM ledger_account WHERE tenant_id = ? AND account_id = ? AND ledger_id = ?""",
						(rs, n) -> Balance.of(account, rs.getString(1), Direction.of(rs.getString(2)), rs.getLong(3),
								rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), null),
						tenant(), account.value(), ledger.value())
				.stream()
				.findFirst();
		}
		String probe = (axis == TimeAxis.RECORDED) ? """
				SELECT after_posted_debits AS pd, after_posted_credits AS pc, after_pending_debits AS qd,
				       after_pending_credits AS qc, account_version AS v
				FROM ledger_posting p WHERE p.tenant_id = a.tenant_id AND p.account_id = a.account_id
				  AND p.recorded_at <= ?
				ORDER BY p.recorded_at DESC, p.account_version DESC LIMIT 1""" : """
				SELECT eff_posted_debits AS pd, eff_posted_credits AS pc, eff_pending_debits AS qd,
				       eff_pending_credits AS qc, account_version AS v
				FROM ledger_posting p WHERE p.tenant_id = a.tenant_id AND p.account_id = a.account_id
				  AND p.effective_at <= ?
				ORDER BY p.effective_at DESC, p.account_version DESC LIMIT 1""";
		// no posting by then: zero (the LEFT JOIN's nulls)
		return jdbc
			.query("SELECT a.currency, a.normal_balance, coalesce(b.pd, 0), coalesce(b.pc, 0), "
					+ "coalesce(b.qd, 0), coalesce(b.qc, 0), coalesce(b.v, 0) FROM ledger_account a LEFT JOIN LATERAL ("
					+ probe + ") b ON true WHERE a.tenant_id = ? AND a.account_id = ? AND a.ledger_id = ?",
					(rs, n) -> Balance.of(account, rs.getString(1), Direction.of(rs.getString(2)), rs.getLong(3),
							rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), at),
					EntryWriter.utc(at), tenant(), account.value(), ledger.value())
			.stream()
			.findFirst();
	}

	// entries and postings

	Optional<EntryDetails> entry(EntryId id) {
		List<EntryDetails> entries = entries(ENTRY_SELECT + " WHERE e.tenant_id = ? AND e.entry_id = ?", tenant(),
				id.value());
		return entries.stream().findFirst();
	}

	/**
	 * Newest first by seq on {@code ledger_entry_ledger_seq_idx}; of one account, from
	 * that account's postings in {@link #ACCOUNT_ORDER} (the account appears once per
	 * entry), so no entry of other accounts is read.
	 */
	Sql entriesSql(EntryQuery query, long @Nullable [] after) {
		List<Object> args = new ArrayList<>();
		StringBuilder sql;
		String order;
		if (query.accountId() != null) {
			sql = new StringBuilder(ENTRY_COLUMNS)
				.append(" FROM ledger_posting ap JOIN ledger_entry e ON e.tenant_id = ap.tenant_id AND e.seq = ap.seq ")
				.append(ENTRY_JOINS)
				.append(" WHERE ap.tenant_id = ? AND ap.ledger_id = ? AND ap.account_id = ?");
			args.addAll(List.of(tenant(), query.ledgerId().value(), query.accountId().value()));
			filters(sql, args, "ap", query);
			afterInAccount(sql, args, "ap", after);
			order = ACCOUNT_ORDER.formatted("ap");
		}
		else {
			sql = new StringBuilder(ENTRY_SELECT).append(" WHERE e.tenant_id = ? AND e.ledger_id = ?");
			args.addAll(List.of(tenant(), query.ledgerId().value()));
			filters(sql, args, "e", query);
			if (after != null) {
				sql.append(" AND e.seq < ?");
				args.add(after[0]);
			}
			order = "e.seq DESC";
		}
		sql.append(" ORDER BY ").append(order).append(" LIMIT ?");
		args.add(query.limit() + 1);
		return new Sql(sql.toString(), args.toArray());
	}

	EntryPage entries(EntryQuery query, long @Nullable [] after) {
		Sql sql = entriesSql(query, after);
		List<EntryDetails> items = entries(sql.text(), sql.args());
		String next = null;
		if (items.size() > query.limit()) {
			items = items.subList(0, query.limit());
			EntryDetails last = items.get(items.size() - 1);
			if (query.accountId() != null) {
				PostingDetails posting = last.postings()
					.stream()
					.filter(candidate -> candidate.accountId().equals(query.accountId()))
					.findFirst()
					.orElseThrow();
				next = encodeCursor(ENTRIES_OF_ACCOUNT, micros(posting.recordedAt()), posting.accountVersion());
			}
			else {
				next = encodeCursor(ENTRIES, last.seq(), 0);
			}
		}
		return new EntryPage(List.copyOf(items), next);
	}

	/**
	 * Newest first by (seq, index) on the primary key; of one account in
	 * {@link #ACCOUNT_ORDER}. The entry is joined only for the filters on its columns.
	 */
	Sql postingsSql(EntryQuery query, long @Nullable [] after) {
		List<Object> args = new ArrayList<>();
		StringBuilder sql = new StringBuilder(POSTING_SELECT);
		if (query.externalReference() != null || (query.metadata() != null && !query.metadata().isEmpty())) {
			sql.append(" JOIN ledger_entry e ON e.tenant_id = p.tenant_id AND e.seq = p.seq");
		}
		sql.append(" WHERE p.tenant_id = ? AND p.ledger_id = ?");
		args.add(tenant());
		args.add(query.ledgerId().value());
		if (query.accountId() != null) {
			sql.append(" AND p.account_id = ?");
			args.add(query.accountId().value());
		}
		filters(sql, args, "p", query);
		if (query.accountId() != null) {
			afterInAccount(sql, args, "p", after);
			sql.append(" ORDER BY ").append(ACCOUNT_ORDER.formatted("p"));
		}
		else {
			if (after != null) {
				sql.append(" AND (p.seq, p.posting_index) < (?, ?)");
				args.add(after[0]);
				args.add((int) after[1]);
			}
			sql.append(" ORDER BY p.seq DESC, p.posting_index DESC");
		}
		sql.append(" LIMIT ?");
		args.add(query.limit() + 1);
		return new Sql(sql.toString(), args.toArray());
	}

	PostingPage postings(EntryQuery query, long @Nullable [] after) {
		Sql sql = postingsSql(query, after);
		List<PostingDetails> items = jdbc.query(sql.text(), this::posting, sql.args());
		String next = null;
		if (items.size() > query.limit()) {
			items = items.subList(0, query.limit());
			PostingDetails last = items.get(items.size() - 1);
			next = (query.accountId() != null)
					? encodeCursor(POSTINGS_OF_ACCOUNT, micros(last.recordedAt()), last.accountVersion())
					: encodeCursor(POSTINGS, last.seq(), last.index());
		}
		return new PostingPage(List.copyOf(items), next);
	}

	/** The cursor kind of a listing: its order depends on whether it names an account. */
	static String cursorKind(EntryQuery query, boolean postings) {
		if (query.accountId() != null) {
			return postings ? POSTINGS_OF_ACCOUNT : ENTRIES_OF_ACCOUNT;
		}
		return postings ? POSTINGS : ENTRIES;
	}

	/** After (recorded_at, account_version) of the previous page's last posting. */
	private static void afterInAccount(StringBuilder sql, List<Object> args, String alias, long @Nullable [] after) {
		if (after != null) {
			sql.append(" AND (")
				.append(alias)
				.append(".recorded_at, ")
				.append(alias)
				.append(".account_version) < (?, ?)");
			args.add(EntryWriter.utc(Instant.EPOCH.plus(after[0], ChronoUnit.MICROS)));
			args.add(after[1]);
		}
	}

	private void filters(StringBuilder sql, List<Object> args, String alias, EntryQuery query) {
		range(sql, args, alias + ".effective_at", query.effectiveFrom(), query.effectiveTo());
		range(sql, args, alias + ".recorded_at", query.recordedFrom(), query.recordedTo());
		if (query.externalReference() != null) {
			sql.append(" AND e.external_reference = ?");
			args.add(query.externalReference());
		}
		if (query.metadata() != null && !query.metadata().isEmpty()) {
			// the metadata index leaves out entries without metadata
			sql.append(" AND e.metadata <> '{}'::jsonb AND e.metadata @> ?::jsonb");
			args.add(json.writeValueAsString(query.metadata()));
		}
	}

	private static void range(StringBuilder sql, List<Object> args, String column, @Nullable Instant from,
			@Nullable Instant to) {
		if (from != null) {
			sql.append(" AND ").append(column).append(" >= ?");
			args.add(EntryWriter.utc(from));
		}
		if (to != null) {
			sql.append(" AND ").append(column).append(" < ?");
			args.add(EntryWriter.utc(to));
		}
	}

	private List<EntryDetails> entries(String sql, Object... args) {
		Map<Long, Object[]> rows = new LinkedHashMap<>();
		jdbc.query(sql, rs -> {
			Object[] row = new Object[16];
			for (int i = 0; i < 16; i++) {
				row[i] = rs.getObject(i + 1);
			}
			rows.put(rs.getLong(3), row);
		}, args);
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, List<PostingDetails>> postings = new LinkedHashMap<>();
		jdbc.query(connection -> {
			var ps = connection.prepareStatement(
					POSTING_SELECT + " WHERE p.tenant_id = ? AND p.seq = ANY (?) ORDER BY p.seq, p.posting_index");
			ps.setObject(1, tenant());
			ps.setArray(2, connection.createArrayOf("bigint", rows.keySet().toArray()));
			return ps;
		}, rs -> {
			PostingDetails posting = posting(rs, 0);
			postings.computeIfAbsent(posting.seq(), seq -> new ArrayList<>()).add(posting);
		});
		List<EntryDetails> entries = new ArrayList<>();
		rows.forEach((seq, row) -> {
			EntryKind kind = EntryKind.of((String) row[3]);
			UUID resolvedBy = (UUID) row[13];
			UUID reversedBy = (UUID) row[15];
			EntryStatus status;
			if (kind == EntryKind.PENDING) {
				status = (resolvedBy == null) ? EntryStatus.PENDING
						: "void_pending".equals(row[14]) ? EntryStatus.VOIDED : EntryStatus.POSTED_PENDING;
			}
			else {
				status = (reversedBy != null) ? EntryStatus.REVERSED : EntryStatus.POSTED;
			}
			entries.add(new EntryDetails(new EntryId((UUID) row[0]), new LedgerId((UUID) row[1]), seq, kind, status,
					entryId(row[4]), entryId(row[5]), entryId(resolvedBy), entryId(reversedBy), toInstant(row[6]),
					toInstant(row[7]), (row[8] != null) ? toInstant(row[8]) : null, (String) row[9], (String) row[10],
					metadata(String.valueOf(row[11])), (String) row[12],
					List.copyOf(postings.getOrDefault(seq, List.of()))));
		});
		return entries;
	}

	private static @Nullable EntryId entryId(@Nullable Object value) {
		return (value != null) ? new EntryId((UUID) value) : null;
	}

	private PostingDetails posting(ResultSet rs, int n) throws SQLException {
		AccountId account = new AccountId(rs.getObject(4, UUID.class));
		long version = rs.getLong(11);
		return new PostingDetails(new EntryId(rs.getObject(1, UUID.class)), rs.getLong(2), rs.getInt(3), account,
				rs.getString(5), Direction.of(rs.getString(6)), rs.getLong(7), rs.getLong(8), instant(rs, 9),
				instant(rs, 10), version, Balance.of(account, rs.getString(5), Direction.of(rs.getString(16)),
						rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15), version, null));
	}

	// cursors: where a page ended — (seq, index), (recorded micros, account version) or
	// the last account code

	static String encodeCursor(String kind, long first, long second) {
		return base64(kind + ":" + first + ":" + second);
	}

	static long @Nullable [] decodeCursor(String kind, String text) {
		try {
			String[] parts = unbase64(text).split(":");
			if (parts.length != 3 || !parts[0].equals(kind)) {
				return null;
			}
			long first = Long.parseLong(parts[1]);
			long second = Long.parseLong(parts[2]);
			boolean plausible = switch (kind) {
				case POSTINGS -> second >= 0 && second <= Short.MAX_VALUE;
				case ENTRIES_OF_ACCOUNT, POSTINGS_OF_ACCOUNT -> first >= 0 && first <= LAST_MICROS;
				default -> true;
			};
			return plausible ? new long[] { first, second } : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static String encodeCodeCursor(String code) {
		return base64(ACCOUNTS + ":" + code);
	}

	static @Nullable String decodeCodeCursor(String text) {
		try {
			String[] parts = unbase64(text).split(":", 2);
			return (parts.length == 2 && parts[0].equals(ACCOUNTS) && !parts[1].isEmpty()) ? parts[1] : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String base64(String plain) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	private static String unbase64(String text) {
		return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
	}

	private static long micros(Instant at) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, at);
	}

	private static Instant toInstant(Object value) {
		return (value instanceof java.sql.Timestamp timestamp) ? timestamp.toInstant()
				: ((OffsetDateTime) value).toInstant();
	}

	static Instant instant(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	static @Nullable Instant nullableInstant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
