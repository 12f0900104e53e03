package io.octavia.core.tenancy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.CreateBrand;
import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.AccountType;
import io.octavia.core.ledger.CreateAccount;
import io.octavia.core.ledger.CreateBalanceMonitor;
import io.octavia.core.ledger.CreateLedger;
import io.octavia.core.ledger.CreatePeriod;
import io.octavia.core.ledger.EntryResult;
import io.octavia.core.ledger.LedgerChainVerification;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerIntegrity;
import io.octavia.core.ledger.LedgerManagement;
import io.octavia.core.ledger.LedgerMonitors;
import io.octavia.core.ledger.MonitorCondition;
import io.octavia.core.ledger.MonitoredBalance;
import io.octavia.core.ledger.PeriodDetails;
import io.octavia.core.ledger.PostEntry;
import io.octavia.core.ledger.PostPending;
import io.octavia.core.ledger.PostingLine;
import io.octavia.core.ledger.ReverseEntry;
import io.octavia.core.ledger.VoidPending;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.server.events.KafkaProbe;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The retention purge with a one-second retention and a fast job: a closed tenant becomes
 * a scrubbed tombstone, every brand, hostname and logo of it is deleted, its hostnames
 * are free for others, and tenant.purged reaches Kafka; tenants that are not closed, or
 * closed too recently, keep everything; a purged tenant's ledger is deleted, through the
 * purge function only. The context is closed after the class, so its fast job cannot
 * purge what other test classes close (and its short ledger chain margin, which needs the
 * short write timeout, seals nothing of theirs).
 */
@OctaviaIntegrationTest(properties = { "octavia.tenancy.retention=1s", "octavia.tenancy.purge.interval=300ms",
		"octavia.ledger.write-timeout=1s", "octavia.ledger.chain.margin=2s" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TenantRetentionIntegrationTests {

	@Autowired
	TenantManagement tenants;

	@Autowired
	BrandManagement brands;

	@Autowired
	CrossTenantAccess crossTenant;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	LedgerManagement ledger;

	@Autowired
	LedgerMonitors monitors;

	@Autowired
	LedgerIntegrity integrity;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Value("${spring.datasource.url}")
	String url;

	@Value("${spring.flyway.user}")
	String ownerUser;

	@Value("${spring.flyway.password}")
	String ownerPassword;

	@Test
	void aClosedTenantIsPurgedAfterItsRetentionPeriod() {
		TenantId closed = activeTenant("Closing Soon");
		TenantId open = activeTenant("Staying");
		String hostname = "shop-" + Ids.newId().toString().substring(24) + ".example.com";
		BrandDetails shop = asTenant(closed,
				() -> brands.create(new CreateBrand(closed, "shop", "Shop", List.of(hostname), null)));
		asTenant(closed,
				() -> brands.putLogo(shop.id(),
						"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>"
							.getBytes(StandardCharsets.UTF_8)));
		asTenant(open, () -> brands.create(new CreateBrand(open, "kept", "Kept")));

		operator(() -> tenants.close(closed));

		TenantDetails purged = await().atMost(Duration.ofSeconds(30))
			.until(() -> operator(() -> tenants.find(closed)).orElseThrow(), t -> t.status() == TenantStatus.PURGED);
		assertThat(purged.name()).as("scrubbed").isEqualTo(purged.slug());
		assertThat(purged.metadata()).isEmpty();
		assertThat(purged.closedAt()).isNotNull();

		await().atMost(Duration.ofSeconds(30)).until(() -> rows("brand", closed) == 0);
		assertThat(rows("brand_hostname", closed)).isZero();
		assertThat(rows("brand_logo", closed)).isZero();
		assertThat(brands.publicLogo(shop.id())).isEmpty();
		assertThat(rows("brand", open)).as("other tenants keep their brands").isEqualTo(2);
		assertThat(operator(() -> tenants.find(open)).orElseThrow().status()).isEqualTo(TenantStatus.ACTIVE);

		TenantId next = activeTenant("Next Owner");
		assertThat(asTenant(next, () -> brands.create(new CreateBrand(next, "shop", "Shop", List.of(hostname), null)))
			.hostnames()).as("the hostname is free again").containsExactly(hostname);

		try (KafkaProbe kafka = new KafkaProbe(bootstrapServers, TenantCreated.TOPIC)) {
			List<ConsumerRecord<String, String>> records = kafka.await(
					r -> closed.toString().equals(r.key()) && "tenant.purged".equals(KafkaProbe.header(r, "ce_type")),
					1, Duration.ofSeconds(30));
			assertThat(records).singleElement()
				.satisfies(record -> assertThat(record.value()).contains("\"purgedAt\"", "\"closedAt\""));
		}
	}

	/**
	 * Every ledger row of a purged tenant is deleted (every table of the ledger, found by
	 * its tenant_id column, checked as the owner), another tenant's ledger is untouched,
	 * and what was deleted stays on record with the chain head.
	 */
	@Test
	void aPurgedTenantsLedgerIsDeletedAndNoOtherTenantsLedger() throws SQLException {
		TenantId closed = activeTenant("Books Closing");
		TenantId open = activeTenant("Books Staying");
		books(closed);
		books(open);
		// both chains sealed, so the closing tenant's head is there to be deleted and
		// recorded,
		// and the staying tenant's rows no longer change
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			integrity.sealChains();
			return List.of(closed, open)
				.stream()
				.allMatch(tenant -> asTenant(tenant, integrity::verifyChain).pendingEntries() == 0);
		});
		LedgerChainVerification sealed = asTenant(closed, integrity::verifyChain);
		List<String> tables = owner(db -> db.queryForList("""
				SELECT table_name FROM information_schema.columns
				WHERE table_schema = current_schema() AND column_name = 'tenant_id'
				  AND table_name LIKE 'ledger%' AND table_name <> 'ledger_purge'
				ORDER BY table_name""", String.class));
		assertThat(tables).contains("ledger", "ledger_account", "ledger_balance_monitor", "ledger_chain",
				"ledger_chain_link", "ledger_entry", "ledger_pending", "ledger_period", "ledger_posting");
		Map<String, Long> before = ledgerRows(tables, closed);
		assertThat(before).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
		Map<String, Long> others = ledgerRows(tables, open);

		operator(() -> tenants.close(closed));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> ledgerRows(tables, closed).values().stream().allMatch(rows -> rows == 0));
		assertThat(ledgerRows(tables, open)).as("another tenant's ledger").isEqualTo(others);
		assertThat(asTenant(open, () -> ledger.ledgers())).hasSize(2);
		Map<String, Object> record = owner(db -> db.queryForMap("""
				SELECT ledgers, accounts, entries, postings, chain_position, encode(chain_hash, 'hex') AS chain_hash,
				       completed_at IS NOT NULL AS completed
				FROM ledger_purge WHERE tenant_id = ?""", closed.value()));
		assertThat(record).containsEntry("ledgers", before.get("ledger"))
			.containsEntry("accounts", before.get("ledger_account"))
			.containsEntry("entries", before.get("ledger_entry"))
			.containsEntry("postings", before.get("ledger_posting"))
			.containsEntry("chain_position", sealed.verifiedEntries())
			.containsEntry("chain_hash", sealed.headHash())
			.containsEntry("completed", true);
		Long openRecords = owner(db -> db.queryForObject("SELECT count(*) FROM ledger_purge WHERE tenant_id = ?",
				Long.class, open.value()));
		assertThat(openRecords).isZero();
	}

	/**
	 * Only a purged tenant's ledger can be deleted, and only through the purge function:
	 * it refuses a live tenant (and an unknown one) even when the application asks, and
	 * neither the application role nor the owner can delete postings directly.
	 */
	@Test
	void aLedgerIsDeletedOnlyThroughThePurgeAndOnlyForAPurgedTenant() throws SQLException {
		TenantId live = activeTenant("Books Kept");
		books(live);
		Map<String, Long> before = ledgerRows(List.of("ledger_entry", "ledger_posting"), live);

		for (TenantId tenant : List.of(live, new TenantId(Ids.newId()))) {
			assertThatThrownBy(() -> asTenant(live, () -> transactions
				.execute(status -> jdbc.queryForObject("SELECT ledger_purge_tenant(?)", Long.class, tenant.value()))))
				.hasStackTraceContaining("is not purged");
		}
		assertThatThrownBy(() -> asTenant(live,
				() -> transactions
					.execute(status -> jdbc.update("DELETE FROM ledger_posting WHERE tenant_id = ?", live.value()))))
			.hasStackTraceContaining("permission denied");
		assertThatThrownBy(() -> owner(db -> db.update("DELETE FROM ledger_posting WHERE tenant_id = ?", live.value())))
			.hasStackTraceContaining("deleted only by ledger_purge_tenant()");
		assertThatThrownBy(() -> owner(db -> db.update("DELETE FROM ledger_entry WHERE tenant_id = ?", live.value())))
			.hasStackTraceContaining("deleted only by ledger_purge_tenant()");
		assertThat(ledgerRows(List.of("ledger_entry", "ledger_posting"), live)).isEqualTo(before);
	}

	/**
	 * A ledger with what a tenant's books hold: accounts (one a child), entries, a
	 * reversal, a pending entry posted, one voided and one still open, a closed period
	 * and a balance monitor; and a second ledger.
	 */
	private void books(TenantId tenant) {
		asTenant(tenant, () -> {
			LedgerId book = ledger.createLedger(new CreateLedger("main", "Main", List.of("EUR"), null)).id();
			ledger.createLedger(new CreateLedger("side", "Side", null, null));
			AccountId cash = account(book, "1000", AccountType.ASSET, null);
			AccountId till = account(book, "1010", AccountType.ASSET, cash);
			AccountId revenue = account(book, "4000", AccountType.REVENUE, null);
			monitors.createMonitor(new CreateBalanceMonitor(book, cash, MonitoredBalance.POSTED, MonitorCondition.BELOW,
					0L, "overdrawn"));
			PeriodDetails past = ledger.createPeriod(new CreatePeriod(book, "2020",
					Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z")));
			ledger.closePeriod(past.id());
			EntryResult sale = ledger.post(
					PostEntry.of(book, List.of(PostingLine.debit(cash, 500), PostingLine.credit(revenue, 500)), null));
			ledger
				.post(PostEntry.of(book, List.of(PostingLine.debit(till, 70), PostingLine.credit(revenue, 70)), null));
			ledger.reverse(new ReverseEntry(sale.entry().id(), null, "refund", null, null));
			for (int i = 0; i < 3; i++) {
				EntryResult hold = ledger
					.post(new PostEntry(book, List.of(PostingLine.debit(cash, 10), PostingLine.credit(revenue, 10)),
							true, null, null, null, null, null, null, List.of()));
				if (i == 0) {
					ledger.postPending(new PostPending(hold.entry().id(), null, null, null, null, null));
				}
				else if (i == 1) {
					ledger.voidPending(new VoidPending(hold.entry().id(), null, null, null));
				}
			}
			return book;
		});
	}

	private AccountId account(LedgerId book, String code, AccountType type, AccountId parent) {
		return ledger
			.openAccount(new CreateAccount(book, code, "Account " + code, type, null, "EUR", null, parent, null, null))
			.id();
	}

	private Map<String, Long> ledgerRows(List<String> tables, TenantId tenant) throws SQLException {
		Map<String, Long> rows = new TreeMap<>();
		for (String table : tables) {
			rows.put(table, owner(db -> db.queryForObject("SELECT count(*) FROM " + table + " WHERE tenant_id = ?",
					Long.class, tenant.value())));
		}
		return rows;
	}

	/**
	 * Runs statements as the schema owner, across tenants (row-level security is forced
	 * on the owner too).
	 */
	private <T> T owner(Function<JdbcTemplate, T> work) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, ownerUser, ownerPassword)) {
			connection.setAutoCommit(false);
			JdbcTemplate owner = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			owner.execute("SET LOCAL app.cross_tenant = 'on'");
			try {
				return work.apply(owner);
			}
			finally {
				connection.rollback();
			}
		}
	}

	@Test
	void aRecentlyClosedTenantIsKeptUntilItsRetentionEnds() {
		TenantId tenant = activeTenant("Just Closed");
		TenantDetails closed = operator(() -> tenants.close(tenant));
		assertThat(closed.status()).isEqualTo(TenantStatus.CLOSED);
		// the job runs every 300 ms, yet purges only once the second of retention is over
		await().atMost(Duration.ofSeconds(30))
			.until(() -> operator(() -> tenants.find(tenant)).orElseThrow().status() == TenantStatus.PURGED);
		TenantDetails purged = operator(() -> tenants.find(tenant)).orElseThrow();
		assertThat(Duration.between(closed.closedAt(), purged.updatedAt()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	private TenantId activeTenant(String name) {
		TenantId id = tenants
			.create(new CreateTenant("ret-" + Long.toString(Ids.newId().getLeastSignificantBits() & Long.MAX_VALUE, 36),
					name, "en", "UTC", "EUR", Map.of("crm", "42")))
			.id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> asTenant(id, () -> tenants.find(id)).orElseThrow().status() == TenantStatus.ACTIVE);
		return id;
	}

	private int rows(String table, TenantId tenant) {
		Integer count = operator(() -> transactions.execute(status -> jdbc
			.queryForObject("SELECT count(*) FROM " + table + " WHERE tenant_id = ?", Integer.class, tenant.value())));
		return (count != null) ? count : -1;
	}

	private <T> T operator(Supplier<T> work) {
		return crossTenant.call("user:operator", "test: retention purge", work);
	}

	private static <T> T asTenant(TenantId tenant, Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), work::get);
	}

}
