package io.octavia.core.ledger.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.AccountQuery;
import io.octavia.core.ledger.AccountType;
import io.octavia.core.ledger.BulkMode;
import io.octavia.core.ledger.BulkPost;
import io.octavia.core.ledger.CreateAccount;
import io.octavia.core.ledger.CreateLedger;
import io.octavia.core.ledger.EntryQuery;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerManagement;
import io.octavia.core.ledger.PostEntry;
import io.octavia.core.ledger.PostingLine;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of the listings a busy ledger pages through, checked with
 * {@code EXPLAIN (ANALYZE)} of exactly the statements {@link LedgerReads} runs, as the
 * application role with row-level security on, after {@code ANALYZE}: a page of one
 * account's postings or entries is a range scan of {@code ledger_posting_recorded_idx}
 * that stops after the page (no node handles more than the page's rows: no sort of the
 * account's postings, no scan of other accounts' postings; postings are not sorted at
 * all), and a page of accounts one of the code index.
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerReadPlansIntegrationTests {

	static final int ACCOUNTS = 300;

	static final int LIMIT = 50;

	@Autowired
	LedgerManagement ledger;

	@Autowired
	LedgerReads reads;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Value("${spring.datasource.url}")
	String url;

	@Value("${spring.flyway.user}")
	String owner;

	@Value("${spring.flyway.password}")
	String ownerPassword;

	final JsonMapper json = JsonMapper.builder().build();

	TenantId tenant = new TenantId(Ids.newId());

	LedgerId book;

	/** In every third entry: a busy account. */
	AccountId busy;

	/** In one entry, the first: an account whose postings are far behind the newest. */
	AccountId quiet;

	@BeforeAll
	void aLedgerWithThousandsOfPostings() throws SQLException {
		book = as(() -> ledger.createLedger(new CreateLedger("plans", "Plans", List.of("EUR"), null))).id();
		List<AccountId> accounts = new ArrayList<>();
		for (int i = 0; i < ACCOUNTS; i++) {
			String code = String.format("%04d", i);
			accounts.add(as(() -> ledger.openAccount(new CreateAccount(book, code, "Account " + code, AccountType.ASSET,
					null, "EUR", null, null, null, null)))
				.id());
		}
		busy = accounts.get(0);
		quiet = accounts.get(1);
		for (int bulk = 0; bulk < 4; bulk++) {
			List<PostEntry> entries = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				int n = bulk * 1000 + i;
				AccountId debit = (n == 0) ? quiet : (n % 3 == 0) ? busy : accounts.get(2 + n % (ACCOUNTS - 2));
				AccountId credit = accounts.get(2 + (n * 7 + 1) % (ACCOUNTS - 2));
				if (credit.equals(debit)) {
					credit = accounts.get(2 + (n * 7 + 2) % (ACCOUNTS - 2));
				}
				entries
					.add(PostEntry.of(book, List.of(PostingLine.debit(debit, 1), PostingLine.credit(credit, 1)), null));
			}
			assertThat(as(() -> ledger.postBulk(new BulkPost(entries, BulkMode.ATOMIC))).written()).isTrue();
		}
		// the statistics a production database keeps up to date (autovacuum) by itself
		try (Connection connection = DriverManager.getConnection(url, owner, ownerPassword);
				Statement statement = connection.createStatement()) {
			statement.execute("ANALYZE ledger_account, ledger_entry, ledger_posting");
		}
	}

	<T> T as(Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), work::get);
	}

	/** The plan of the statement with the actual rows of each node. */
	JsonNode explain(LedgerReads.Sql sql) {
		return explain(sql, false);
	}

	JsonNode explain(LedgerReads.Sql sql, boolean noSequentialScan) {
		String plan = as(() -> transactions.execute(status -> {
			if (noSequentialScan) {
				jdbc.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off");
			}
			return jdbc.queryForObject("EXPLAIN (ANALYZE, FORMAT JSON) " + sql.text(), String.class, sql.args());
		}));
		return json.readTree(plan).get(0).get("Plan");
	}

	static List<JsonNode> nodes(JsonNode plan) {
		List<JsonNode> nodes = new ArrayList<>();
		nodes.add(plan);
		plan.path("Plans").forEach(child -> nodes.addAll(nodes(child)));
		return nodes;
	}

	static List<JsonNode> scansOf(JsonNode plan, String table) {
		return nodes(plan).stream().filter(node -> table.equals(node.path("Relation Name").asString(""))).toList();
	}

	static List<String> nodeTypes(JsonNode plan) {
		return nodes(plan).stream().map(node -> node.get("Node Type").asString()).toList();
	}

	/**
	 * No node of the plan reads more than the page's rows (those it filters out count),
	 * nor scans a whole table: the cost of a page does not grow with the ledger.
	 */
	static void assertReadsOnlyAPage(JsonNode plan, String what) {
		String shown = what + "\n" + plan;
		assertThat(nodeTypes(plan)).as(shown).doesNotContain("Seq Scan");
		for (JsonNode node : nodes(plan)) {
			long read = node.get("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong(0)
					+ node.path("Rows Removed by Index Recheck").asLong(0);
			assertThat(read * node.get("Actual Loops").asLong()).as(shown).isLessThanOrEqualTo(LIMIT + 1);
		}
	}

	/** A range scan of the recorded-axis index that reads only the page. */
	static void assertPagedOnTheRecordedIndex(JsonNode plan, String what) {
		assertReadsOnlyAPage(plan, what);
		List<JsonNode> postings = scansOf(plan, "ledger_posting");
		assertThat(postings).as(what + "\n" + plan).hasSize(1);
		assertThat(postings.get(0).get("Node Type").asString()).as(what).isEqualTo("Index Scan");
		assertThat(postings.get(0).get("Index Name").asString()).as(what).isEqualTo("ledger_posting_recorded_idx");
	}

	/** ... and in the index's order: the rows are never sorted. */
	static void assertInTheRecordedIndexOrder(JsonNode plan, String what) {
		assertPagedOnTheRecordedIndex(plan, what);
		assertThat(nodeTypes(plan)).as(what + "\n" + plan).doesNotContain("Sort", "Incremental Sort");
	}

	@Test
	void aPageOfOneAccountsPostingsIsARangeScanOfTheRecordedIndex() {
		EntryQuery first = new EntryQuery(book, busy, null, null, null, null, null, null, null, LIMIT);
		assertInTheRecordedIndexOrder(explain(as(() -> reads.postingsSql(first, null))), "first page");
		String cursor = as(() -> ledger.postings(first)).nextCursor();
		long[] after = LedgerReads.decodeCursor(LedgerReads.POSTINGS_OF_ACCOUNT, cursor);
		JsonNode next = explain(as(() -> reads.postingsSql(first, after)));
		assertInTheRecordedIndexOrder(next, "next page");
		// the cursor is where the index scan starts, not a filter behind it
		assertThat(scansOf(next, "ledger_posting").get(0).get("Index Cond").asString()).contains("recorded_at",
				"account_version");
		// an account with one old posting: found without reading the newer ones
		EntryQuery quietOne = new EntryQuery(book, quiet, null, null, null, null, null, null, null, LIMIT);
		JsonNode plan = explain(as(() -> reads.postingsSql(quietOne, null)));
		assertInTheRecordedIndexOrder(plan, "quiet account");
		assertThat(scansOf(plan, "ledger_posting").get(0).get("Actual Rows").asLong()).isOne();
	}

	@Test
	void aPageOfOneAccountsEntriesStartsFromItsPostings() {
		EntryQuery first = new EntryQuery(book, busy, null, null, null, null, null, null, null, LIMIT);
		assertPagedOnTheRecordedIndex(explain(as(() -> reads.entriesSql(first, null))), "first page");
		String cursor = as(() -> ledger.entries(first)).nextCursor();
		long[] after = LedgerReads.decodeCursor(LedgerReads.ENTRIES_OF_ACCOUNT, cursor);
		assertPagedOnTheRecordedIndex(explain(as(() -> reads.entriesSql(first, after))), "next page");
		EntryQuery quietOne = new EntryQuery(book, quiet, null, null, null, null, null, null, null, LIMIT);
		assertPagedOnTheRecordedIndex(explain(as(() -> reads.entriesSql(quietOne, null))), "quiet account");
	}

	@Test
	void aPageOfAccountsIsARangeScanOfTheCodeIndex() {
		AccountQuery first = AccountQuery.all(book, LIMIT);
		String cursor = as(() -> ledger.accounts(first)).nextCursor();
		String after = LedgerReads.decodeCodeCursor(cursor);
		// the whole suite's accounts fit in a few pages, where reading and sorting them
		// all
		// is the cheaper plan; the question is whether the index serves a page in order
		for (JsonNode plan : List.of(explain(as(() -> reads.accountsSql(first, null)), true),
				explain(as(() -> reads.accountsSql(first, after)), true))) {
			assertReadsOnlyAPage(plan, "accounts");
			assertThat(nodeTypes(plan)).as(plan.toString()).doesNotContain("Sort", "Incremental Sort");
			JsonNode scan = scansOf(plan, "ledger_account").get(0);
			assertThat(scan.get("Node Type").asString()).isEqualTo("Index Scan");
			assertThat(scan.get("Index Name").asString()).isEqualTo("ledger_account_code_key");
		}
	}

}
