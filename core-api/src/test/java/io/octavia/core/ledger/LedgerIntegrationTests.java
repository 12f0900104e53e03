package io.octavia.core.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.micrometer.core.instrument.MeterRegistry;
import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.server.events.KafkaProbe;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The ledger against the real database, through its public API: refusals write nothing,
 * two-phase entries, reversals, both time axes, immutability and isolation as the
 * application role, concurrency on a hot account pair, and random sequences checked
 * against an in-memory model.
 */
@OctaviaIntegrationTest
class LedgerIntegrationTests {

	@Autowired
	LedgerManagement ledger;

	@Autowired
	LedgerReports reports;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TransactionTemplate transactions;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	final JsonMapper json = JsonMapper.builder().build();

	TenantId tenant = new TenantId(Ids.newId());

	LedgerId book;

	AccountId cash;

	AccountId revenue;

	AccountId wallet;

	@BeforeEach
	void aLedgerWithAccounts() {
		book = as(tenant, () -> ledger.createLedger(new CreateLedger("main", "Main", List.of("EUR", "USD"), null)))
			.id();
		cash = open(tenant, book, "1000", AccountType.ASSET, "EUR", null);
		revenue = open(tenant, book, "4000", AccountType.REVENUE, "EUR", null);
		wallet = open(tenant, book, "2000", AccountType.LIABILITY, "EUR", new AccountBounds(true, false, null));
	}

	AccountId open(TenantId owner, LedgerId in, String code, AccountType type, String currency, AccountBounds bounds) {
		return as(owner,
				() -> ledger.openAccount(
						new CreateAccount(in, code, "Account " + code, type, null, currency, null, null, null, bounds)))
			.id();
	}

	static <T> T as(TenantId tenant, Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), work::get);
	}

	EntryResult post(AccountId debit, AccountId credit, long amount) {
		return as(tenant, () -> ledger.post(PostEntry.of(book,
				List.of(PostingLine.debit(debit, amount), PostingLine.credit(credit, amount)), null)));
	}

	long entries() {
		return as(tenant, () -> transactions.execute(status -> jdbc
			.queryForObject("SELECT count(*) FROM ledger_entry WHERE tenant_id = ?", Long.class, tenant.value())));
	}

	DomainProblem refused(Runnable write) {
		try {
			write.run();
		}
		catch (DomainProblem problem) {
			return problem;
		}
		throw new AssertionError("not refused");
	}

	@Test
	void anEntryMovesBothAccountsAndReturnsTheirNewBalances() {
		EntryResult result = post(cash, revenue, 12_50);
		assertThat(result.entry().postings()).hasSize(2);
		assertThat(result.balances()).extracting(Balance::posted).containsExactly(12_50L, 12_50L);
		assertThat(as(tenant, () -> ledger.balance(cash)).posted()).isEqualTo(12_50);
		assertThat(as(tenant, () -> ledger.balance(revenue)).available()).isEqualTo(12_50);
		assertThat(as(tenant, () -> ledger.findEntry(result.entry().id())).orElseThrow().postings())
			.extracting(PostingDetails::postedAmount)
			.containsExactly(12_50L, 12_50L);
	}

	@Test
	void invalidEntriesAreRefusedAndNothingIsWritten() {
		AccountId dollars = open(tenant, book, "1001", AccountType.ASSET, "USD", null);
		TenantId other = new TenantId(Ids.newId());
		LedgerId theirs = as(other, () -> ledger.createLedger(new CreateLedger("main", "Theirs", null, null))).id();
		AccountId foreign = open(other, theirs, "1000", AccountType.ASSET, "EUR", null);
		AccountId closed = open(tenant, book, "1002", AccountType.ASSET, "EUR", null);
		as(tenant, () -> ledger.closeAccount(closed));

		assertThat(refused(() -> as(tenant,
				() -> ledger.post(PostEntry.of(book,
						List.of(PostingLine.debit(cash, 100), PostingLine.credit(revenue, 99)), null))))
			.code()).isEqualTo("ledger_entry_unbalanced");
		DomainProblem mixed = refused(() -> as(tenant, () -> ledger.post(
				PostEntry.of(book, List.of(PostingLine.debit(dollars, 100), PostingLine.credit(revenue, 100)), null))));
		assertThat(mixed.code()).isEqualTo("ledger_entry_unbalanced");
		assertThat(mixed.properties()).containsKey("currency");
		assertThat(
				refused(() -> as(tenant,
						() -> ledger.post(PostEntry.of(book,
								List.of(new PostingLine(cash, Direction.DEBIT, 100, "USD"),
										PostingLine.credit(revenue, 100)),
								null))))
					.code())
			.isEqualTo("ledger_currency_mismatch");
		DomainProblem zero = refused(() -> as(tenant, () -> ledger
			.post(PostEntry.of(book, List.of(PostingLine.debit(cash, 0), PostingLine.credit(revenue, -5)), null))));
		assertThat(zero.code()).isEqualTo("validation_failed");
		assertThat(zero.fields()).extracting(DomainProblem.FieldProblem::field)
			.containsExactly("postings[0].amount", "postings[1].amount");
		AccountId unknown = new AccountId(Ids.newId());
		DomainProblem missing = refused(() -> as(tenant, () -> ledger.post(
				PostEntry.of(book, List.of(PostingLine.debit(unknown, 100), PostingLine.credit(revenue, 100)), null))));
		assertThat(missing.code()).isEqualTo("ledger_account_unknown");
		assertThat(missing.properties()).containsEntry("accountId", unknown.toString());
		DomainProblem otherTenant = refused(() -> as(tenant, () -> ledger.post(
				PostEntry.of(book, List.of(PostingLine.debit(foreign, 100), PostingLine.credit(revenue, 100)), null))));
		assertThat(otherTenant.code()).isEqualTo("ledger_account_unknown");
		assertThat(refused(() -> as(tenant,
				() -> ledger.post(PostEntry.of(book,
						List.of(PostingLine.debit(closed, 100), PostingLine.credit(revenue, 100)), null))))
			.code()).isEqualTo("ledger_account_closed");
		PeriodDetails october = as(tenant, () -> ledger.createPeriod(new CreatePeriod(book, "2026-10",
				Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"))));
		as(tenant, () -> ledger.closePeriod(october.id()));
		DomainProblem inClosed = refused(
				() -> as(tenant,
						() -> ledger.post(new PostEntry(book,
								List.of(PostingLine.debit(cash, 100), PostingLine.credit(revenue, 100)), false, null,
								Instant.parse("2026-10-15T12:00:00Z"), null, null, null, null, List.of()))));
		assertThat(inClosed.code()).isEqualTo("ledger_period_closed");
		DomainProblem overdrawn = refused(() -> as(tenant, () -> ledger.post(
				PostEntry.of(book, List.of(PostingLine.debit(wallet, 100), PostingLine.credit(revenue, 100)), null))));
		assertThat(overdrawn.code()).isEqualTo("ledger_balance_insufficient");
		assertThat(overdrawn.properties()).containsEntry("accountId", wallet.toString())
			.containsEntry("requested", 100L)
			.containsEntry("available", 0L)
			.containsEntry("currency", "EUR");

		assertThat(entries()).isZero();
		assertThat(as(tenant, () -> ledger.balance(cash)).version()).isZero();
		as(tenant, () -> ledger.reopenPeriod(october.id()));
		as(tenant,
				() -> ledger
					.post(new PostEntry(book, List.of(PostingLine.debit(cash, 100), PostingLine.credit(revenue, 100)),
							false, null, Instant.parse("2026-10-15T12:00:00Z"), null, null, null, null, List.of())));
		assertThat(entries()).isOne();
	}

	@Test
	void conditionsOnLockVersionAndAvailableBalance() {
		post(cash, revenue, 500);
		long version = as(tenant, () -> ledger.balance(cash)).version();
		DomainProblem stale = refused(() -> as(tenant,
				() -> ledger.post(new PostEntry(book,
						List.of(PostingLine.debit(revenue, 100), PostingLine.credit(cash, 100)), false, null, null,
						null, null, null, null, List.of(new EntryCondition(cash, version - 1, null))))));
		assertThat(stale.code()).isEqualTo("ledger_lock_version_mismatch");
		assertThat(stale.kind().status()).isEqualTo(409);
		assertThat(stale.properties()).containsEntry("current", version);
		DomainProblem poor = refused(() -> as(tenant,
				() -> ledger.post(new PostEntry(book,
						List.of(PostingLine.debit(revenue, 100), PostingLine.credit(cash, 100)), false, null, null,
						null, null, null, null, List.of(new EntryCondition(cash, null, 501L))))));
		assertThat(poor.code()).isEqualTo("ledger_condition_failed");
		as(tenant,
				() -> ledger.post(new PostEntry(book,
						List.of(PostingLine.debit(revenue, 100), PostingLine.credit(cash, 100)), false, null, null,
						null, null, null, null, List.of(new EntryCondition(cash, version, 500L)))));
		assertThat(as(tenant, () -> ledger.balance(cash)).posted()).isEqualTo(400);
	}

	@Test
	void pendingEntriesReserveThenPostInPartOrVoid() {
		post(revenue, wallet, 1000);
		EntryResult hold = as(tenant,
				() -> ledger
					.post(new PostEntry(book, List.of(PostingLine.debit(wallet, 700), PostingLine.credit(cash, 700)),
							true, null, null, null, null, null, null, List.of())));
		Balance reserved = as(tenant, () -> ledger.balance(wallet));
		assertThat(reserved.posted()).isEqualTo(1000);
		assertThat(reserved.available()).isEqualTo(300);
		assertThat(refused(() -> as(tenant,
				() -> ledger.post(PostEntry.of(book,
						List.of(PostingLine.debit(wallet, 301), PostingLine.credit(revenue, 301)), null))))
			.code()).isEqualTo("ledger_balance_insufficient");

		EntryResult posted = as(tenant, () -> ledger
			.postPending(new PostPending(hold.entry().id(), List.of(400L, 400L), null, null, null, null)));
		assertThat(posted.entry().kind()).isEqualTo(EntryKind.POST_PENDING);
		Balance after = as(tenant, () -> ledger.balance(wallet));
		assertThat(after.posted()).isEqualTo(600);
		assertThat(after.pendingDebits()).isZero();
		assertThat(after.available()).isEqualTo(600);
		assertThat(as(tenant, () -> ledger.findEntry(hold.entry().id())).orElseThrow().status())
			.isEqualTo(EntryStatus.POSTED_PENDING);
		assertThat(refused(
				() -> as(tenant, () -> ledger.voidPending(new VoidPending(hold.entry().id(), null, null, null))))
			.code()).isEqualTo("ledger_pending_resolved");

		EntryResult second = as(tenant,
				() -> ledger
					.post(new PostEntry(book, List.of(PostingLine.debit(wallet, 100), PostingLine.credit(cash, 100)),
							true, null, null, null, null, null, null, List.of())));
		as(tenant, () -> ledger.voidPending(new VoidPending(second.entry().id(), null, null, null)));
		assertThat(as(tenant, () -> ledger.balance(wallet)).available()).isEqualTo(600);
		assertThat(as(tenant, () -> ledger.findEntry(second.entry().id())).orElseThrow().status())
			.isEqualTo(EntryStatus.VOIDED);
	}

	@Test
	void aPendingEntryVoidsItselfAtItsTimeout() {
		post(revenue, wallet, 1000);
		EntryResult hold = as(tenant,
				() -> ledger
					.post(new PostEntry(book, List.of(PostingLine.debit(wallet, 700), PostingLine.credit(cash, 700)),
							true, Duration.ofSeconds(1), null, null, null, null, null, List.of())));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> as(tenant, () -> ledger.findEntry(hold.entry().id())).orElseThrow()
				.status() == EntryStatus.VOIDED);
		assertThat(as(tenant, () -> ledger.balance(wallet)).available()).isEqualTo(1000);
	}

	/**
	 * The period that "now" falls in is closed when the timeout passes: the void takes
	 * effect when the period ends instead of being refused (and retried forever). The
	 * reservation is free at once; the closed period's books, pending amounts included,
	 * do not change.
	 */
	@Test
	void aTimeoutInAClosedPeriodReleasesTheReservationAtOnceAndTakesEffectWhenThePeriodEnds() {
		Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
		Instant end = start.plus(Duration.ofHours(2));
		as(tenant,
				() -> ledger.post(
						new PostEntry(book, List.of(PostingLine.debit(revenue, 1000), PostingLine.credit(wallet, 1000)),
								false, null, start.minus(Duration.ofHours(2)), null, null, null, null, List.of())));
		PeriodDetails current = as(tenant, () -> ledger.createPeriod(new CreatePeriod(book, "current", start, end)));
		as(tenant, () -> ledger.closePeriod(current.id()));
		// reserved before the period, so it could be written; its timeout passes inside
		// it
		EntryResult hold = as(tenant,
				() -> ledger.post(new PostEntry(book,
						List.of(PostingLine.debit(wallet, 700), PostingLine.credit(cash, 700)), true,
						Duration.ofSeconds(1), start.minus(Duration.ofHours(1)), null, null, null, null, List.of())));
		Instant inside = Instant.now();
		TrialBalance closedBooks = as(tenant, () -> reports.trialBalance(book, inside, TimeAxis.EFFECTIVE));

		EntryDetails voided = await().atMost(Duration.ofSeconds(20))
			.until(() -> as(tenant, () -> ledger.findEntry(hold.entry().id())).orElseThrow(),
					entry -> entry.status() == EntryStatus.VOIDED);
		EntryDetails release = as(tenant, () -> ledger.findEntry(voided.resolvedBy())).orElseThrow();
		assertThat(release.kind()).isEqualTo(EntryKind.VOID_PENDING);
		assertThat(release.effectiveAt()).isEqualTo(end);
		assertThat(release.recordedAt()).isBefore(end);
		assertThat(as(tenant, () -> ledger.balance(wallet)).available()).as("released at once").isEqualTo(1000);

		assertThat(as(tenant, () -> reports.trialBalance(book, inside, TimeAxis.EFFECTIVE))).isEqualTo(closedBooks);
		assertThat(closedBooks.currencies()).singleElement().satisfies(section -> {
			assertThat(section.totalDebits()).isEqualTo(1000);
			assertThat(section.lines()).filteredOn(line -> line.accountId().equals(wallet))
				.singleElement()
				.satisfies(line -> assertThat(line.credit()).isEqualTo(1000));
		});
		assertThat(as(tenant, () -> ledger.balanceAsOf(wallet, end.minusMillis(1), TimeAxis.EFFECTIVE)).pendingDebits())
			.as("still reserved as of the closed period")
			.isEqualTo(700);
		assertThat(as(tenant, () -> ledger.balanceAsOf(wallet, end, TimeAxis.EFFECTIVE)).pendingDebits()).isZero();
		assertThat(refused(() -> as(tenant,
				() -> ledger.post(
						PostEntry.of(book, List.of(PostingLine.debit(cash, 1), PostingLine.credit(revenue, 1)), null))))
			.code()).as("other writes are still refused in the closed period").isEqualTo("ledger_period_closed");
		assertInvariants();
	}

	/**
	 * A pending entry whose void keeps failing (here a work-list row pointing at an entry
	 * that is not pending) is recorded and retried with a growing delay, and the entries
	 * due after it in the same sweep are voided.
	 */
	@Test
	void aTimeoutThatCannotBeVoidedWaitsWithAGrowingDelayAndHoldsUpNoOther() throws InterruptedException {
		post(revenue, wallet, 1000);
		EntryResult sale = post(cash, revenue, 5);
		as(tenant, () -> transactions.execute(status -> jdbc.update("""
				INSERT INTO ledger_pending (tenant_id, entry_id, ledger_id, timeout_at)
				VALUES (?, ?, ?, now() - interval '1 hour')""", tenant.value(), sale.entry().id().value(),
				book.value())));
		try {
			List<EntryResult> holds = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				holds.add(as(tenant,
						() -> ledger.post(new PostEntry(book,
								List.of(PostingLine.debit(wallet, 100), PostingLine.credit(cash, 100)), true,
								Duration.ofSeconds(1), null, null, null, null, null, List.of()))));
			}
			await().atMost(Duration.ofSeconds(20))
				.until(() -> holds.stream()
					.allMatch(hold -> as(tenant, () -> ledger.findEntry(hold.entry().id())).orElseThrow()
						.status() == EntryStatus.VOIDED));
			assertThat(as(tenant, () -> ledger.balance(wallet)).available()).isEqualTo(1000);

			Map<String, Object> parked = parkedRow(sale);
			assertThat((Integer) parked.get("attempts")).isPositive();
			assertThat(parked.get("last_error")).isEqualTo("ledger_not_pending");
			assertThat((Boolean) parked.get("waiting")).as("next attempt later").isTrue();
			assertThat(meters.get("octavia.ledger.timeouts.parked").gauge().value()).isGreaterThanOrEqualTo(1);
			// without the delay every sweep (each second, on every node) would try again
			int attempts = (Integer) parked.get("attempts");
			Thread.sleep(3000);
			assertThat((Integer) parkedRow(sale).get("attempts")).isLessThanOrEqualTo(attempts + 1);
		}
		finally {
			as(tenant,
					() -> transactions.execute(
							status -> jdbc.update("DELETE FROM ledger_pending WHERE tenant_id = ? AND entry_id = ?",
									tenant.value(), sale.entry().id().value())));
		}
	}

	private Map<String, Object> parkedRow(EntryResult entry) {
		return as(tenant, () -> transactions.execute(status -> jdbc.queryForMap("""
				SELECT attempts, last_error, retry_at > now() AS waiting FROM ledger_pending
				WHERE tenant_id = ? AND entry_id = ?""", tenant.value(), entry.entry().id().value())));
	}

	@Test
	void aReversalNegatesAnEntryOnce() {
		EntryResult sale = post(cash, revenue, 250);
		as(tenant, () -> ledger.reverse(new ReverseEntry(sale.entry().id(), null, "refund", null, null)));
		assertThat(as(tenant, () -> ledger.balance(cash)).posted()).isZero();
		assertThat(as(tenant, () -> ledger.balance(revenue)).posted()).isZero();
		assertThat(as(tenant, () -> ledger.findEntry(sale.entry().id())).orElseThrow().status())
			.isEqualTo(EntryStatus.REVERSED);
		assertThat(refused(
				() -> as(tenant, () -> ledger.reverse(new ReverseEntry(sale.entry().id(), null, null, null, null))))
			.code()).isEqualTo("ledger_entry_already_reversed");
	}

	@Test
	void balancesAsOfEitherTimeAxisIncludingBackDatedEntries() throws InterruptedException {
		Instant jan = Instant.parse("2026-01-15T00:00:00Z");
		Instant mar = Instant.parse("2026-03-15T00:00:00Z");
		as(tenant,
				() -> ledger
					.post(new PostEntry(book, List.of(PostingLine.debit(cash, 100), PostingLine.credit(revenue, 100)),
							false, null, mar, null, null, null, null, List.of())));
		Thread.sleep(5);
		Instant between = Instant.now();
		Thread.sleep(5);
		// back-dated before the March entry
		as(tenant,
				() -> ledger
					.post(new PostEntry(book, List.of(PostingLine.debit(cash, 30), PostingLine.credit(revenue, 30)),
							false, null, jan, null, null, null, null, List.of())));
		assertThat(as(tenant, () -> ledger.balanceAsOf(cash, Instant.parse("2026-02-01T00:00:00Z"), TimeAxis.EFFECTIVE))
			.posted()).isEqualTo(30);
		assertThat(as(tenant, () -> ledger.balanceAsOf(cash, Instant.parse("2026-04-01T00:00:00Z"), TimeAxis.EFFECTIVE))
			.posted()).isEqualTo(130);
		assertThat(as(tenant, () -> ledger.balanceAsOf(cash, Instant.parse("2025-12-01T00:00:00Z"), TimeAxis.EFFECTIVE))
			.posted()).isZero();
		assertThat(as(tenant, () -> ledger.balanceAsOf(cash, between, TimeAxis.RECORDED)).posted()).isEqualTo(100);
		assertThat(as(tenant, () -> ledger.balanceAsOf(cash, Instant.now(), TimeAxis.RECORDED)).posted())
			.isEqualTo(130);
	}

	@Test
	void entriesAndPostingsAreListedWithFiltersAndCursors() {
		for (int i = 0; i < 5; i++) {
			final int n = i;
			as(tenant,
					() -> ledger.post(new PostEntry(book,
							List.of(PostingLine.debit(cash, 10 + n), PostingLine.credit(revenue, 10 + n)), false, null,
							null, null, "ref-" + (n % 2), Map.of("order", n), null, List.of())));
		}
		EntryPage first = as(tenant,
				() -> ledger.entries(new EntryQuery(book, null, null, null, null, null, null, null, null, 2)));
		assertThat(first.items()).hasSize(2);
		EntryPage second = as(tenant, () -> ledger
			.entries(new EntryQuery(book, null, null, null, null, null, null, null, first.nextCursor(), 2)));
		EntryPage third = as(tenant, () -> ledger
			.entries(new EntryQuery(book, null, null, null, null, null, null, null, second.nextCursor(), 2)));
		assertThat(third.nextCursor()).isNull();
		assertThat(first.items().get(0).seq()).isGreaterThan(second.items().get(0).seq());
		assertThat(first.items().size() + second.items().size() + third.items().size()).isEqualTo(5);
		assertThat(as(tenant,
				() -> ledger.entries(new EntryQuery(book, null, null, null, null, null, "ref-1", null, null, 50)))
			.items()).hasSize(2);
		assertThat(as(tenant,
				() -> ledger
					.entries(new EntryQuery(book, null, null, null, null, null, null, Map.of("order", 3), null, 50)))
			.items()).hasSize(1);
		PostingPage postings = as(tenant,
				() -> ledger.postings(new EntryQuery(book, cash, null, null, null, null, null, null, null, 3)));
		assertThat(postings.items()).hasSize(3).allMatch(posting -> posting.accountId().equals(cash));
		assertThat(as(tenant,
				() -> ledger
					.postings(new EntryQuery(book, cash, null, null, null, null, null, null, postings.nextCursor(), 3)))
			.items()).hasSize(2);
	}

	/**
	 * One account's postings and entries come in that account's order (recorded time,
	 * then version), which is their seq order, newest first: single entries and a bulk
	 * whose entries share one recorded time, a page at a time, each exactly once. A
	 * cursor of one order fits no other listing.
	 */
	@Test
	void oneAccountsPostingsAndEntriesComeInSeqOrderPageByPage() {
		for (int i = 1; i <= 5; i++) {
			post(cash, revenue, i);
		}
		List<PostEntry> bulk = new ArrayList<>();
		for (int i = 1; i <= 12; i++) {
			bulk.add((i % 3 == 0)
					? PostEntry.of(book, List.of(PostingLine.debit(revenue, i), PostingLine.credit(wallet, i)), null)
					: PostEntry.of(book, List.of(PostingLine.debit(cash, i), PostingLine.credit(revenue, i)), null));
		}
		assertThat(as(tenant, () -> ledger.postBulk(new BulkPost(bulk, BulkMode.ATOMIC))).written()).isTrue();
		for (int i = 1; i <= 3; i++) {
			post(revenue, wallet, i);
			post(cash, revenue, i);
		}
		List<PostingDetails> all = as(tenant,
				() -> ledger.postings(new EntryQuery(book, null, null, null, null, null, null, null, null, 200)))
			.items();
		for (AccountId account : List.of(cash, revenue, wallet)) {
			List<Long> expected = all.stream()
				.filter(posting -> posting.accountId().equals(account))
				.map(PostingDetails::seq)
				.toList();
			assertThat(expected).isSortedAccordingTo(Comparator.reverseOrder()).hasSizeGreaterThan(4);
			List<Long> postings = new ArrayList<>();
			List<Long> versions = new ArrayList<>();
			String cursor = null;
			do {
				EntryQuery query = new EntryQuery(book, account, null, null, null, null, null, null, cursor, 4);
				PostingPage page = as(tenant, () -> ledger.postings(query));
				assertThat(page.items()).allMatch(posting -> posting.accountId().equals(account));
				page.items().forEach(posting -> {
					postings.add(posting.seq());
					versions.add(posting.accountVersion());
				});
				cursor = page.nextCursor();
			}
			while (cursor != null);
			assertThat(postings).containsExactlyElementsOf(expected);
			assertThat(versions).isSortedAccordingTo(Comparator.reverseOrder()).doesNotHaveDuplicates();
			List<Long> entries = new ArrayList<>();
			do {
				EntryQuery query = new EntryQuery(book, account, null, null, null, null, null, null, cursor, 3);
				EntryPage page = as(tenant, () -> ledger.entries(query));
				page.items().forEach(entry -> entries.add(entry.seq()));
				cursor = page.nextCursor();
			}
			while (cursor != null);
			assertThat(entries).containsExactlyElementsOf(expected);
		}
		String ofCash = as(tenant,
				() -> ledger.postings(new EntryQuery(book, cash, null, null, null, null, null, null, null, 1)))
			.nextCursor();
		String ofLedger = as(tenant,
				() -> ledger.postings(new EntryQuery(book, null, null, null, null, null, null, null, null, 1)))
			.nextCursor();
		assertThat(refused(() -> as(tenant,
				() -> ledger.postings(new EntryQuery(book, null, null, null, null, null, null, null, ofCash, 1))))
			.code()).isEqualTo("validation_failed");
		assertThat(refused(() -> as(tenant,
				() -> ledger.postings(new EntryQuery(book, cash, null, null, null, null, null, null, ofLedger, 1))))
			.code()).isEqualTo("validation_failed");
		assertThat(refused(() -> as(tenant,
				() -> ledger.entries(new EntryQuery(book, cash, null, null, null, null, null, null, ofCash, 1))))
			.code()).isEqualTo("validation_failed");
	}

	@Test
	void theApplicationRoleCannotChangeOrDeleteEntriesOrPostings() {
		EntryResult sale = post(cash, revenue, 100);
		for (String sql : List.of("UPDATE ledger_posting SET posted_amount = 1 WHERE tenant_id = ?",
				"UPDATE ledger_posting SET after_posted_debits = 1 WHERE tenant_id = ?",
				"DELETE FROM ledger_posting WHERE tenant_id = ?",
				"UPDATE ledger_entry SET effective_at = now() WHERE tenant_id = ?",
				"UPDATE ledger_entry SET description = 'x' WHERE tenant_id = ?",
				"DELETE FROM ledger_entry WHERE tenant_id = ?", "DELETE FROM ledger_account WHERE tenant_id = ?",
				// an entry row is written once: not even its chain link goes into it
				"UPDATE ledger_entry SET inserted_at = now() WHERE tenant_id = ?",
				"UPDATE ledger_chain_link SET chain_hash = '\\x00' WHERE tenant_id = ?",
				"DELETE FROM ledger_chain_link WHERE tenant_id = ?")) {
			assertThatThrownBy(() -> as(tenant, () -> transactions.execute(status -> jdbc.update(sql, tenant.value()))))
				.as(sql)
				.rootCause()
				.hasMessageContaining("permission denied");
		}
		assertThatThrownBy(() -> as(tenant,
				() -> transactions.execute(status -> jdbc.update(
						"UPDATE ledger_posting SET eff_posted_debits = eff_posted_debits - 1 WHERE tenant_id = ?",
						tenant.value()))))
			.rootCause()
			.hasMessageContaining("may not shrink");
		assertThat(as(tenant, () -> ledger.findEntry(sale.entry().id())).orElseThrow().postings())
			.extracting(PostingDetails::postedAmount)
			.containsExactly(100L, 100L);
	}

	@Test
	void anotherTenantsLedgerIsInvisibleEvenById() {
		EntryResult sale = post(cash, revenue, 100);
		TenantId other = new TenantId(Ids.newId());
		assertThat(as(other, () -> ledger.findLedger(book))).isEmpty();
		assertThat(as(other, () -> ledger.findAccount(cash))).isEmpty();
		assertThat(as(other, () -> ledger.findEntry(sale.entry().id()))).isEmpty();
		assertThat(as(other, () -> ledger.ledgers())).isEmpty();
		assertThat(refused(() -> as(other, () -> ledger.balance(cash))).code()).isEqualTo("ledger_account_not_found");
		assertThat(refused(() -> as(other, () -> ledger.entries(EntryQuery.all(book)))).code())
			.isEqualTo("ledger_not_found");
		for (String table : List.of("ledger", "ledger_account", "ledger_entry", "ledger_posting")) {
			Long visible = as(other, () -> transactions
				.execute(status -> jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class)));
			assertThat(visible).as(table).isZero();
			Long own = as(tenant, () -> transactions
				.execute(status -> jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE tenant_id <> ?",
						Long.class, tenant.value())));
			assertThat(own).as(table).isZero();
		}
	}

	@Test
	void theSameIdempotencyKeyFromFiftyThreadsWritesOneEntry() throws Exception {
		String key = "order-" + Ids.newId();
		PostEntry entry = PostEntry.of(book, List.of(PostingLine.debit(cash, 42), PostingLine.credit(revenue, 42)),
				key);
		List<Callable<EntryResult>> calls = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			calls.add(() -> as(tenant, () -> ledger.post(entry)));
		}
		try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
			List<EntryId> ids = new ArrayList<>();
			for (Future<EntryResult> result : pool.invokeAll(calls)) {
				ids.add(result.get().entry().id());
			}
			assertThat(ids).containsOnly(ids.get(0));
		}
		assertThat(entries()).isOne();
		assertThat(as(tenant, () -> ledger.balance(cash)).posted()).isEqualTo(42);
		DomainProblem reused = refused(() -> as(tenant, () -> ledger
			.post(PostEntry.of(book, List.of(PostingLine.debit(cash, 43), PostingLine.credit(revenue, 43)), key))));
		assertThat(reused.code()).isEqualTo("ledger_idempotency_key_reused");
		assertThat(reused.kind().status()).isEqualTo(422);
	}

	/**
	 * Half the threads post single entries (which the node combines into shared
	 * transactions), half post bulks that move the pair the other way, so transactions
	 * that lock both accounts compete all the time: the fixed lock order keeps them from
	 * deadlocking.
	 */
	@Test
	void tenThousandEntriesFromSixteenThreadsOnOneHotPairAreExact() throws Exception {
		int threads = 16;
		int perThread = 625;
		int perBulk = 25;
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				final boolean bulks = t % 2 == 1;
				done.add(pool.submit(() -> {
					if (bulks) {
						List<PostEntry> entries = new ArrayList<>();
						for (int i = 0; i < perBulk; i++) {
							entries.add(PostEntry.of(book,
									List.of(PostingLine.debit(revenue, 1), PostingLine.credit(cash, 1)), null));
						}
						for (int i = 0; i < perThread / perBulk; i++) {
							BulkResult result = as(tenant,
									() -> ledger.postBulk(new BulkPost(entries, BulkMode.ATOMIC)));
							assertThat(result.written()).isTrue();
						}
					}
					else {
						for (int i = 0; i < perThread; i++) {
							post(cash, revenue, 3);
						}
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		long expected = 8L * perThread * 3 - 8L * perThread;
		Balance cashBalance = as(tenant, () -> ledger.balance(cash));
		assertThat(cashBalance.posted()).isEqualTo(expected);
		assertThat(cashBalance.version()).isEqualTo(10_000);
		assertThat(as(tenant, () -> ledger.balance(revenue)).posted()).isEqualTo(expected);
		assertThat(entries()).isEqualTo(10_000);
		assertInvariants();
	}

	@Test
	void atomicBulkWritesAllOrNothingIndependentWritesEachOnItsOwn() {
		List<PostEntry> entries = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			entries.add(PostEntry.of(book, List.of(PostingLine.debit(cash, 5), PostingLine.credit(revenue, 5)),
					"bulk-" + i));
		}
		entries.set(50,
				PostEntry.of(book, List.of(PostingLine.debit(wallet, 5), PostingLine.credit(revenue, 5)), null));
		BulkResult refusedBulk = as(tenant, () -> ledger.postBulk(new BulkPost(entries, BulkMode.ATOMIC)));
		assertThat(refusedBulk.written()).isFalse();
		assertThat(refusedBulk.items().get(50).problem().code()).isEqualTo("ledger_balance_insufficient");
		assertThat(entries()).isZero();

		BulkResult independent = as(tenant, () -> ledger.postBulk(new BulkPost(entries, BulkMode.INDEPENDENT)));
		assertThat(independent.items()).filteredOn(item -> item.result() != null).hasSize(99);
		assertThat(entries()).isEqualTo(99);
		assertThat(as(tenant, () -> ledger.balance(cash)).posted()).isEqualTo(99 * 5);
		BulkResult again = as(tenant, () -> ledger.postBulk(new BulkPost(entries, BulkMode.INDEPENDENT)));
		assertThat(again.items().get(0).result().replayed()).isTrue();
		assertThat(entries()).isEqualTo(99);
		assertInvariants();
	}

	/**
	 * Random sequences of entries, pending entries, posts (full and partial), voids and
	 * reversals against an in-memory model of every account's totals: after each step the
	 * ledger's balances equal the model's, and the ledger balances.
	 */
	@Test
	void randomSequencesMatchAnInMemoryModel() {
		for (long seed = 1; seed <= 12; seed++) {
			Random random = new Random(seed);
			TenantId owner = new TenantId(Ids.newId());
			LedgerId books = as(owner, () -> ledger.createLedger(new CreateLedger("model", "Model", null, null))).id();
			List<AccountId> accounts = new ArrayList<>();
			Map<AccountId, long[]> model = new HashMap<>();
			for (int i = 0; i < 4; i++) {
				AccountId id = open(owner, books, "a" + i, AccountType.values()[random.nextInt(5)], "EUR", null);
				accounts.add(id);
				model.put(id, new long[4]);
			}
			List<EntryDetails> pending = new ArrayList<>();
			List<EntryDetails> reversible = new ArrayList<>();
			for (int step = 0; step < 25; step++) {
				int action = random.nextInt(10);
				if (action < 5 || (pending.isEmpty() && reversible.isEmpty())) {
					AccountId debit = accounts.get(random.nextInt(4));
					AccountId credit = accounts.get(random.nextInt(4));
					if (debit.equals(credit)) {
						continue;
					}
					long amount = 1 + random.nextInt(1000);
					boolean hold = random.nextBoolean();
					EntryResult result = as(owner,
							() -> ledger.post(new PostEntry(books,
									List.of(PostingLine.debit(debit, amount), PostingLine.credit(credit, amount)), hold,
									null, null, null, null, null, null, List.of())));
					model.get(debit)[hold ? 2 : 0] += amount;
					model.get(credit)[hold ? 3 : 1] += amount;
					(hold ? pending : reversible).add(result.entry());
				}
				else if (action < 8 && !pending.isEmpty()) {
					EntryDetails held = pending.remove(random.nextInt(pending.size()));
					long reserved = held.postings().get(0).pendingAmount();
					boolean post = random.nextBoolean();
					long part = random.nextInt((int) reserved + 1);
					if (post) {
						EntryResult result = as(owner, () -> ledger
							.postPending(new PostPending(held.id(), List.of(part, part), null, null, null, null)));
						reversible.add(result.entry());
					}
					else {
						as(owner, () -> ledger.voidPending(new VoidPending(held.id(), null, null, null)));
					}
					for (PostingDetails posting : held.postings()) {
						long[] totals = model.get(posting.accountId());
						int side = posting.direction() == Direction.DEBIT ? 0 : 1;
						totals[2 + side] -= reserved;
						totals[side] += post ? part : 0;
					}
				}
				else if (!reversible.isEmpty()) {
					EntryDetails original = reversible.remove(random.nextInt(reversible.size()));
					if (original.postings().stream().allMatch(posting -> posting.postedAmount() == 0)) {
						continue;
					}
					as(owner, () -> ledger.reverse(new ReverseEntry(original.id(), null, null, null, null)));
					for (PostingDetails posting : original.postings()) {
						long[] totals = model.get(posting.accountId());
						totals[posting.direction() == Direction.DEBIT ? 1 : 0] += posting.postedAmount();
					}
				}
				long debits = 0;
				long credits = 0;
				for (AccountId account : accounts) {
					Balance balance = as(owner, () -> ledger.balance(account));
					long[] expected = model.get(account);
					assertThat(new long[] { balance.postedDebits(), balance.postedCredits(), balance.pendingDebits(),
							balance.pendingCredits() })
						.as("seed %d step %d account %s", seed, step, account)
						.containsExactly(expected);
					debits += balance.postedDebits();
					credits += balance.postedCredits();
				}
				assertThat(debits).as("seed %d step %d: the ledger balances", seed, step).isEqualTo(credits);
			}
			TenantContext.run(TenantContext.Scope.tenant(owner, "test"),
					() -> LedgerInvariants.assertHold(jdbc, transactions));
		}
	}

	@Test
	void postedAndVoidedEntriesReachKafkaThroughTheOutbox() {
		EntryResult sale = post(cash, revenue, 77);
		EntryResult hold = as(tenant,
				() -> ledger
					.post(new PostEntry(book, List.of(PostingLine.debit(cash, 5), PostingLine.credit(revenue, 5)), true,
							null, null, null, null, null, null, List.of())));
		EntryResult released = as(tenant,
				() -> ledger.voidPending(new VoidPending(hold.entry().id(), null, null, null)));
		try (KafkaProbe kafka = new KafkaProbe(bootstrapServers, EntryPosted.TOPIC)) {
			List<ConsumerRecord<String, String>> records = kafka.await(r -> tenant.toString().equals(r.key()), 3,
					Duration.ofSeconds(30));
			// three writes, three publications: each is sent once committed, so Kafka may
			// receive them in another order than they were written
			assertThat(records).extracting(r -> KafkaProbe.header(r, "ce_type"))
				.containsExactlyInAnyOrder("ledger.entry.posted", "ledger.entry.posted", "ledger.entry.voided");
			JsonNode posted = json.readTree(records.stream()
				.filter(r -> r.value().contains("\"subject\":\"" + sale.entry().id() + "\""))
				.findFirst()
				.orElseThrow()
				.value());
			assertThat(posted.get("subject").asString()).isEqualTo(sale.entry().id().toString());
			assertThat(posted.get("data").get("balances").get(0).get("posted").asLong()).isEqualTo(77);
			JsonNode voided = json.readTree(records.stream()
				.filter(r -> "ledger.entry.voided".equals(KafkaProbe.header(r, "ce_type")))
				.findFirst()
				.orElseThrow()
				.value());
			assertThat(voided.get("data").get("voidEntryId").asString()).isEqualTo(released.entry().id().toString());
			assertThat(voided.get("data").get("timedOut").asBoolean()).isFalse();
		}
	}

	/**
	 * Crash safety: the database session of a bulk is killed while it writes (as if the
	 * node died mid-bulk). Each bulk is then either wholly there or not at all, and the
	 * invariants hold.
	 */
	@Test
	void aBulkWhoseSessionIsKilledMidwayLeavesWholeBulksOrNothing() throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger killed = new AtomicInteger();
		Thread killer = Thread.ofPlatform().start(() -> {
			while (running.get()) {
				Integer terminated = jdbc.queryForObject("""
						SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
						WHERE pid <> pg_backend_pid() AND state = 'active'
						  AND (query LIKE '%INSERT INTO ledger_posting%')""", Integer.class);
				killed.addAndGet((terminated != null) ? terminated : 0);
			}
		});
		Map<Integer, Boolean> succeeded = new HashMap<>();
		try {
			for (int bulk = 0; bulk < 30 && killed.get() < 3; bulk++) {
				List<PostEntry> entries = new ArrayList<>();
				for (int i = 0; i < 500; i++) {
					entries.add(new PostEntry(book, List.of(PostingLine.debit(cash, 1), PostingLine.credit(revenue, 1)),
							false, null, null, null, "crash-" + bulk, null, null, List.of()));
				}
				try {
					as(tenant, () -> ledger.postBulk(new BulkPost(entries, BulkMode.ATOMIC)));
					succeeded.put(bulk, true);
				}
				catch (RuntimeException ex) {
					succeeded.put(bulk, false);
				}
			}
		}
		finally {
			running.set(false);
			killer.join();
		}
		assertThat(killed.get()).as("sessions killed mid-bulk").isPositive();
		assertThat(succeeded).containsValue(false);
		succeeded.forEach((bulk, written) -> {
			Long count = as(tenant,
					() -> transactions.execute(status -> jdbc.queryForObject(
							"SELECT count(*) FROM ledger_entry WHERE tenant_id = ? AND external_reference = ?",
							Long.class, tenant.value(), "crash-" + bulk)));
			assertThat(count).as("entries of bulk %d", bulk).isEqualTo(written ? 500L : 0L);
		});
		long bulksWritten = succeeded.values().stream().filter(Boolean::booleanValue).count();
		assertThat(as(tenant, () -> ledger.balance(cash)).posted()).isEqualTo(bulksWritten * 500);
		assertInvariants();
	}

	void assertInvariants() {
		TenantContext.run(TenantContext.Scope.tenant(tenant, "test"),
				() -> LedgerInvariants.assertHold(jdbc, transactions));
	}

}
