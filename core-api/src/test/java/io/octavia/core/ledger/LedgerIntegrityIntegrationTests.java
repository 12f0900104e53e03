package io.octavia.core.ledger;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.ledger.InvariantViolation.Kind;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.server.events.KafkaProbe;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;

import static io.octavia.core.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger's integrity against the real database and broker: the hash chain sealed in
 * the background and verified (tampering by the schema owner is found at the right entry,
 * back-dating is not mistaken for it), the invariant checker and its metric, and balance
 * monitors publishing crossings to Kafka.
 */
@OctaviaIntegrationTest
class LedgerIntegrityIntegrationTests {

	@Autowired
	LedgerManagement ledger;

	@Autowired
	LedgerIntegrity integrity;

	@Autowired
	TenantManagement tenants;

	@Autowired
	JdbcTemplate applicationJdbc;

	@LocalServerPort
	int port;

	@Value("${spring.datasource.url}")
	String url;

	@Value("${spring.datasource.username}")
	String applicationRole;

	@Value("${spring.flyway.user}")
	String owner;

	@Value("${spring.flyway.password}")
	String ownerPassword;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	TenantId tenant = new TenantId(Ids.newId());

	LedgerId book;

	AccountId cash;

	AccountId revenue;

	@BeforeEach
	void aLedgerWithAccounts() {
		book = as(() -> ledger.createLedger(new CreateLedger("main", "Main", List.of("EUR"), null))).id();
		cash = open("1000", AccountType.ASSET);
		revenue = open("4000", AccountType.REVENUE);
	}

	AccountId open(String code, AccountType type) {
		return as(() -> ledger
			.openAccount(new CreateAccount(book, code, "Account " + code, type, null, "EUR", null, null, null, null)))
			.id();
	}

	<T> T as(Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), work::get);
	}

	EntryResult post(long amount, Instant effectiveAt, String description) {
		return as(() -> ledger.post(new PostEntry(book,
				List.of(PostingLine.debit(cash, amount), PostingLine.credit(revenue, amount)), false, null, effectiveAt,
				description, "ref-" + amount, Map.of("order", "A-" + amount), null, List.of())));
	}

	@Test
	void theChainIsSealedInTheBackgroundAndVerificationFindsTheTamperedEntry() throws SQLException {
		List<EntryResult> entries = List.of(post(100, null, "first"), post(200, null, "second"),
				post(300, null, "third"), post(400, null, "fourth"));
		LedgerChainVerification unsealed = as(integrity::verifyChain);
		assertThat(unsealed.intact()).isTrue();
		assertThat(unsealed.pendingEntries()).isEqualTo(4);

		// entries younger than the safety margin wait; then they are sealed
		await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			integrity.sealChains();
			return as(integrity::verifyChain).pendingEntries() == 0;
		});
		LedgerChainVerification sealed = as(integrity::verifyChain);
		assertThat(sealed.intact()).isTrue();
		assertThat(sealed.verifiedEntries()).isEqualTo(4);
		assertThat(sealed.headHash()).hasSize(64);

		// back-dating rightly changes the effective-axis totals of sealed postings
		post(50, Instant.now().minus(Duration.ofDays(3)), "back-dated");
		LedgerChainVerification afterBackDating = as(integrity::verifyChain);
		assertThat(afterBackDating.intact()).isTrue();
		assertThat(afterBackDating.verifiedEntries()).isEqualTo(4);
		assertThat(afterBackDating.pendingEntries()).isEqualTo(1);

		EntryDetails second = entries.get(1).entry();
		asOwner("UPDATE ledger_posting SET posted_amount = 201 WHERE tenant_id = ? AND entry_id = ?"
				+ " AND posting_index = 0", tenant.value(), second.id().value());
		LedgerChainVerification tampered = as(integrity::verifyChain);
		assertThat(tampered.intact()).isFalse();
		assertThat(tampered.verifiedEntries()).isEqualTo(1);
		assertThat(tampered.headHash()).isNull();
		LedgerChainVerification.BrokenLink broken = tampered.firstBrokenLink();
		assertThat(broken).isNotNull();
		assertThat(broken.entryId()).isEqualTo(second.id());
		assertThat(broken.seq()).isEqualTo(second.seq());
		assertThat(broken.position()).isEqualTo(2);
		assertThat(broken.reason()).isEqualTo(ChainBreak.POSTING_CHANGED);
		assertThat(broken.expectedHash()).hasSize(64).isNotEqualTo(broken.storedHash());
		// the invariant checker sees the same tampering from its side
		InvariantReport unbalanced = as(() -> integrity.checkInvariants(book));
		assertThat(unbalanced.violations()).extracting(InvariantViolation::kind)
			.contains(Kind.UNBALANCED, Kind.ACCOUNT_TOTALS);
		assertThat(unbalanced.violations()).filteredOn(violation -> violation.kind() == Kind.UNBALANCED)
			.singleElement()
			.satisfies(violation -> {
				assertThat(violation.field()).isEqualTo("posted");
				assertThat(violation.expected()).isEqualTo(violation.actual() + 1);
			});
		asOwner("UPDATE ledger_posting SET posted_amount = 200 WHERE tenant_id = ? AND entry_id = ?"
				+ " AND posting_index = 0", tenant.value(), second.id().value());
		assertThat(as(integrity::verifyChain).intact()).isTrue();
		assertThat(as(() -> integrity.checkInvariants(book)).holds()).isTrue();

		EntryDetails third = entries.get(2).entry();
		asOwner("UPDATE ledger_entry SET description = 'forged' WHERE tenant_id = ? AND entry_id = ?", tenant.value(),
				third.id().value());
		LedgerChainVerification.BrokenLink changed = as(integrity::verifyChain).firstBrokenLink();
		assertThat(changed).isNotNull();
		assertThat(changed.entryId()).isEqualTo(third.id());
		assertThat(changed.reason()).isEqualTo(ChainBreak.ENTRY_CHANGED);
		asOwner("UPDATE ledger_entry SET description = 'third' WHERE tenant_id = ? AND entry_id = ?", tenant.value(),
				third.id().value());

		// entries removed at the end: the chain stops before its head
		asOwner("UPDATE ledger_chain SET last_position = last_position + 1 WHERE tenant_id = ?", tenant.value());
		LedgerChainVerification.BrokenLink missing = as(integrity::verifyChain).firstBrokenLink();
		assertThat(missing).isNotNull();
		assertThat(missing.reason()).isEqualTo(ChainBreak.LINK_MISSING);
		assertThat(missing.position()).isEqualTo(5);
		assertThat(missing.entryId()).isNull();
		asOwner("UPDATE ledger_chain SET last_position = last_position - 1 WHERE tenant_id = ?", tenant.value());
		assertThat(as(integrity::verifyChain).intact()).isTrue();

		// a link is written once, even the owner cannot move it without switching the
		// guard off
		try {
			asOwner("UPDATE ledger_chain_link SET chain_position = 99 WHERE tenant_id = ? AND seq = ?", tenant.value(),
					third.seq());
			throw new AssertionError("a seal was changed");
		}
		catch (org.springframework.dao.DataAccessException ex) {
			assertThat(ex).hasStackTraceContaining("is sealed");
		}
	}

	/**
	 * The sealer asks every 5 s which tenants have entries due: each tenant's first
	 * unsealed entry is probed on the (tenant_id, seq) key from the last seal. Under
	 * row-level security a bound taken from a joined column stayed out of the index
	 * condition, and every sealed entry of the tenant was read and filtered out (83 ms at
	 * 100,000 entries, BENCHMARKS.md run 13).
	 */
	@Test
	void findingTheChainsToSealProbesTheKeyFromTheLastSealInsteadOfReadingTheSealedEntries() throws SQLException {
		post(100, null, "due");
		// auto_explain (loaded by the superuser) shows the plan of the function's own
		// statements as run by the application role
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement()) {
			for (String setting : List.of("LOAD 'auto_explain'", "SET auto_explain.log_min_duration = 0",
					"SET auto_explain.log_analyze = on", "SET auto_explain.log_nested_statements = on",
					"SET auto_explain.log_level = notice", "SET client_min_messages = notice",
					"SET ROLE " + applicationRole)) {
				statement.execute(setting);
			}
			assertThat(chainsToSeal(statement, "0 s")).contains(tenant.value());
			List<String> probes = new ArrayList<>();
			for (SQLWarning notice = statement.getWarnings(); notice != null; notice = notice.getNextWarning()) {
				if (notice.getMessage().contains("FROM ledger_entry e")) {
					probes.add(notice.getMessage());
				}
			}
			assertThat(probes).as("one probe per tenant with a ledger").isNotEmpty().allSatisfy((plan) -> {
				assertThat(plan).containsPattern("Index Cond: \\(.*seq > ").doesNotContain("Rows Removed by Filter");
			});
			statement.clearWarnings();
			assertThat(chainsToSeal(statement, "1 hour")).as("not due before the margin")
				.doesNotContain(tenant.value());
		}
	}

	private static List<UUID> chainsToSeal(Statement statement, String margin) throws SQLException {
		List<UUID> due = new ArrayList<>();
		try (ResultSet rs = statement
			.executeQuery("SELECT chain FROM ledger_chains_to_seal(interval '" + margin + "') AS chain")) {
			while (rs.next()) {
				due.add(rs.getObject(1, UUID.class));
			}
		}
		return due;
	}

	@Test
	void theInvariantCheckerReportsATamperedTotalAndTheMetricShowsIt() throws SQLException {
		post(1_000, null, "one");
		post(2_500, null, "two");
		InvariantReport healthy = as(() -> integrity.checkInvariants(book));
		assertThat(healthy.holds()).isTrue();
		assertThat(healthy.violations()).isEmpty();
		assertThat(healthy.accounts()).isEqualTo(2);
		double before = metric("account_totals");

		asOwner("UPDATE ledger_account SET posted_debits = posted_debits + 7 WHERE tenant_id = ? AND account_id = ?",
				tenant.value(), cash.value());
		ApiTestSupport api = new ApiTestSupport(port, tenants);
		HttpResponse<String> checked = api.post("/api/v1/ledgers/" + book + "/invariants/check",
				ApiTestSupport.tenantCaller(tenant, "ledger:read,ledger:admin"), "");
		assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
		JsonNode report = json(checked);
		assertThat(report.get("holds").asBoolean()).isFalse();
		JsonNode totals = report.get("violations").get(0);
		assertThat(totals.get("kind").asString()).isEqualTo("account_totals");
		assertThat(totals.get("accountId").asString()).isEqualTo(cash.toString());
		assertThat(totals.get("field").asString()).isEqualTo("posted_debits");
		assertThat(totals.get("expected").asLong()).isEqualTo(3_500);
		assertThat(totals.get("actual").asLong()).isEqualTo(3_507);
		InvariantReport tampered = as(() -> integrity.checkInvariants(book));
		assertThat(tampered.violations()).extracting(InvariantViolation::kind)
			.containsExactlyInAnyOrder(Kind.ACCOUNT_TOTALS, Kind.POSTING_BALANCES, Kind.POSTING_BALANCES);
		assertThat(metric("account_totals")).isEqualTo(before + 1);

		// operators check any tenant's ledger, audited; a developer may not
		HttpResponse<String> operator = api.post("/api/v1/tenants/" + tenant + "/ledgers/" + book + "/invariants/check",
				ApiTestSupport.operator("ledger:admin"), "");
		assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
		assertThat(json(operator).get("violations")).hasSize(3);
		assertThat(api
			.post("/api/v1/ledgers/" + book + "/invariants/check",
					ApiTestSupport.tenantCaller(tenant, "ledger:read,ledger:write"), "")
			.statusCode()).isEqualTo(403);

		asOwner("UPDATE ledger_account SET posted_debits = posted_debits - 7 WHERE tenant_id = ? AND account_id = ?",
				tenant.value(), cash.value());
		assertThat(as(() -> integrity.checkInvariants(book)).holds()).isTrue();
		assertThat(metric("account_totals")).isEqualTo(before);
	}

	@Test
	void chainVerificationOverHttpForTheTenantAndForOperators() {
		post(100, null, "over http");
		ApiTestSupport api = new ApiTestSupport(port, tenants);
		HttpResponse<String> own = api.post("/api/v1/ledgers/chain/verification",
				ApiTestSupport.tenantCaller(tenant, "ledger:admin"), "");
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(json(own).get("intact").asBoolean()).isTrue();
		assertThat(json(own).get("pendingEntries").asLong()).isEqualTo(1);
		HttpResponse<String> operator = api.post("/api/v1/tenants/" + tenant + "/ledgers/chain/verification",
				ApiTestSupport.operator("ledger:admin"), "");
		assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
		assertThat(json(operator).get("tenantId").asString()).isEqualTo(tenant.toString());
		assertThat(
				api.post("/api/v1/ledgers/chain/verification", ApiTestSupport.tenantCaller(tenant, "ledger:read"), "")
					.statusCode())
			.isEqualTo(403);
		HttpResponse<String> unknown = api.post("/api/v1/ledgers/" + Ids.newId() + "/invariants/check",
				ApiTestSupport.tenantCaller(tenant, "ledger:admin"), "");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(unknown).get("code").asString()).isEqualTo("ledger_not_found");
	}

	@Test
	void aBalanceCrossingItsMonitorsThresholdIsPublishedToKafkaWithTheEntry() {
		ApiTestSupport api = new ApiTestSupport(port, tenants);
		String caller = ApiTestSupport.tenantCaller(tenant, "ledger:read,ledger:write");
		AccountId wallet = open("2000", AccountType.LIABILITY);
		String monitors = "/api/v1/ledgers/" + book + "/accounts/" + wallet + "/monitors";
		HttpResponse<String> created = api.post(monitors, caller, json(Map.of("balance", "available", "condition",
				"below", "amount", 1_000, "description", "Top up the wallet")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String monitor = json(created).get("id").asString();
		assertThat(json(created).get("currency").asString()).isEqualTo("EUR");
		assertThat(json(api.get(monitors, caller))).hasSize(1);

		HttpResponse<String> invalid = api.post(monitors, caller,
				json(Map.of("balance", "sideways", "condition", "beneath")));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(ApiTestSupport.fieldErrors(invalid)).containsKeys("balance", "condition", "amount");
		TenantId other = new TenantId(Ids.newId());
		assertThat(api.get(monitors, ApiTestSupport.tenantCaller(other, "ledger:read,ledger:write")).statusCode())
			.as("another tenant's account")
			.isEqualTo(404);

		// 0 -> 1,500: leaves the alert side; 1,500 -> 900: crosses below; 900 -> 800:
		// stays
		EntryResult deposit = as(() -> ledger.post(
				PostEntry.of(book, List.of(PostingLine.debit(cash, 1_500), PostingLine.credit(wallet, 1_500)), null)));
		EntryResult spend = as(() -> ledger
			.post(PostEntry.of(book, List.of(PostingLine.debit(wallet, 600), PostingLine.credit(revenue, 600)), null)));
		as(() -> ledger
			.post(PostEntry.of(book, List.of(PostingLine.debit(wallet, 100), PostingLine.credit(revenue, 100)), null)));
		// in a bulk each entry is judged on the balance it saw: 800 -> 1,300 -> 900
		BulkResult bulk = as(() -> ledger.postBulk(new BulkPost(List.of(
				PostEntry.of(book, List.of(PostingLine.debit(cash, 500), PostingLine.credit(wallet, 500)), null),
				PostEntry.of(book, List.of(PostingLine.debit(wallet, 400), PostingLine.credit(revenue, 400)), null)),
				BulkMode.ATOMIC)));
		assertThat(api.delete(monitors + "/" + monitor, caller).statusCode()).isEqualTo(204);
		assertThat(api.delete(monitors + "/" + monitor, caller).statusCode()).isEqualTo(404);
		as(() -> ledger.post(
				PostEntry.of(book, List.of(PostingLine.debit(cash, 5_000), PostingLine.credit(wallet, 5_000)), null)));

		try (KafkaProbe kafka = new KafkaProbe(bootstrapServers, EntryPosted.TOPIC)) {
			List<ConsumerRecord<String, String>> crossings = kafka.await(
					record -> tenant.toString().equals(record.key())
							&& "ledger.balance.threshold_crossed".equals(KafkaProbe.header(record, "ce_type")),
					4, Duration.ofSeconds(30));
			crossings.addAll(kafka.drain(
					record -> tenant.toString().equals(record.key())
							&& "ledger.balance.threshold_crossed".equals(KafkaProbe.header(record, "ce_type")),
					Duration.ofSeconds(3)));
			assertThat(crossings).hasSize(4);
			Map<String, JsonNode> data = new java.util.HashMap<>();
			crossings.forEach(record -> {
				JsonNode event = ApiTestSupport.JSON.readTree(record.value()).get("data");
				data.put(event.get("entryId").asString(), event);
			});
			JsonNode breached = data.get(spend.entry().id().toString());
			assertThat(breached.get("breached").asBoolean()).isTrue();
			assertThat(breached.get("before").asLong()).isEqualTo(1_500);
			assertThat(breached.get("after").asLong()).isEqualTo(900);
			assertThat(breached.get("threshold").asLong()).isEqualTo(1_000);
			assertThat(breached.get("monitorId").asString()).isEqualTo(monitor);
			assertThat(breached.get("accountId").asString()).isEqualTo(wallet.toString());
			assertThat(breached.get("currency").asString()).isEqualTo("EUR");
			JsonNode recovered = data.get(deposit.entry().id().toString());
			assertThat(recovered.get("breached").asBoolean()).isFalse();
			assertThat(recovered.get("before").asLong()).isZero();
			assertThat(recovered.get("after").asLong()).isEqualTo(1_500);
			JsonNode topUp = data.get(bulk.items().get(0).result().entry().id().toString());
			assertThat(topUp.get("breached").asBoolean()).isFalse();
			assertThat(topUp.get("before").asLong()).isEqualTo(800);
			assertThat(topUp.get("after").asLong()).isEqualTo(1_300);
			JsonNode again = data.get(bulk.items().get(1).result().entry().id().toString());
			assertThat(again.get("breached").asBoolean()).isTrue();
			assertThat(again.get("before").asLong()).isEqualTo(1_300);
			assertThat(again.get("after").asLong()).isEqualTo(900);
		}
	}

	/**
	 * Crash safety with retries: the database session of an independent bulk is killed
	 * while it writes its postings (to PostgreSQL, a crashed application looks the same:
	 * the session ends, the transaction rolls back). Nothing of it stays, the invariants
	 * hold, and a retry with the same idempotency keys writes every entry exactly once.
	 */
	@Test
	void aKilledBulkLeavesNothingAndItsRetryWithTheSameKeysWritesEachEntryOnce() throws Exception {
		List<PostEntry> entries = new java.util.ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			entries.add(new PostEntry(book, List.of(PostingLine.debit(cash, 1), PostingLine.credit(revenue, 1)), false,
					null, null, null, "retried", null, "retry-" + i, List.of()));
		}
		BulkPost bulk = new BulkPost(entries, BulkMode.INDEPENDENT);
		java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
		java.util.concurrent.atomic.AtomicInteger killed = new java.util.concurrent.atomic.AtomicInteger();
		Thread killer = Thread.ofPlatform().start(() -> {
			while (running.get() && killed.get() == 0) {
				Integer terminated = applicationJdbc.queryForObject(
						"""
								SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
								WHERE pid <> pg_backend_pid() AND state = 'active' AND query LIKE '%INSERT INTO ledger_posting%'""",
						Integer.class);
				killed.addAndGet((terminated != null) ? terminated : 0);
			}
		});
		int failed = 0;
		try {
			for (int attempt = 0; attempt < 20 && killed.get() == 0; attempt++) {
				try {
					as(() -> ledger.postBulk(bulk));
					break;
				}
				catch (RuntimeException ex) {
					failed++;
				}
			}
		}
		finally {
			running.set(false);
			killer.join();
		}
		assertThat(killed.get()).as("sessions killed mid-bulk").isPositive();
		long written = as(() -> ledger.balance(cash)).posted();
		// a session killed as it committed may still have committed: then it was written
		// whole
		assertThat(written).as("a killed bulk leaves nothing").isEqualTo((failed > 0) ? 0 : 1_000);
		assertThat(as(() -> integrity.checkInvariants(book)).violations()).isEmpty();

		BulkResult retried = as(() -> ledger.postBulk(bulk));
		assertThat(retried.items()).allSatisfy(item -> assertThat(item.result()).isNotNull());
		assertThat(as(() -> ledger.balance(cash)).posted()).isEqualTo(1_000);
		assertThat(
				as(() -> ledger.entries(new EntryQuery(book, null, null, null, null, null, "retried", null, null, 200)))
					.items())
			.hasSize(200);
		BulkResult again = as(() -> ledger.postBulk(bulk));
		assertThat(again.items()).allSatisfy(item -> assertThat(item.result().replayed()).isTrue());
		assertThat(as(() -> ledger.balance(cash)).posted()).isEqualTo(1_000);
		InvariantReport report = as(() -> integrity.checkInvariants(book));
		assertThat(report.holds()).as(report.violations().toString()).isTrue();
	}

	/** The gauge's value for a kind, as Prometheus scrapes it. */
	private double metric(String kind) {
		HttpResponse<String> scraped = new ApiTestSupport(port, tenants).http().get("/actuator/prometheus");
		assertThat(scraped.statusCode()).isEqualTo(200);
		Matcher matcher = Pattern
			.compile("(?m)^octavia_ledger_invariant_violations\\{[^}]*kind=\"" + kind + "\"[^}]*} ([0-9.E+-]+)$")
			.matcher(scraped.body());
		assertThat(matcher.find()).as(scraped.body()).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	/**
	 * Runs statements as the schema owner, which may change what the application role
	 * cannot.
	 */
	private void asOwner(String sql, Object... arguments) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, owner, ownerPassword)) {
			JdbcTemplate ownerJdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			connection.setAutoCommit(false);
			// row-level security is forced on the owner too
			ownerJdbc.execute("SET LOCAL app.cross_tenant = 'on'");
			assertThat(ownerJdbc.update(sql, arguments)).as(sql).isOne();
			connection.commit();
		}
	}

}
