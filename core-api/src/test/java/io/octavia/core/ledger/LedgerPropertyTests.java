package io.octavia.core.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jqwik: random sequences of entries, pending entries, posts (full and partial), voids
 * and reversals against an in-memory model of every account's four totals. After every
 * step each balance equals the model's and the ledger balances; at the end every
 * account's totals are the sums of its postings. Runs against the real database in the
 * shared test application context (injected by Spring's TestContextManager, as jqwik has
 * no Spring extension here).
 */
@OctaviaIntegrationTest
class LedgerPropertyTests {

	@Autowired
	LedgerManagement ledger;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	/**
	 * One random step: {@code action} 0–4 writes an entry, 5–7 resolves a pending entry,
	 * 8–9 reverses an entry; the other numbers pick accounts, amounts and choices.
	 */
	record Step(int action, int debit, int credit, long amount, boolean hold, int pick, double part, int day) {
	}

	/** What one posting moved, and when it took effect. */
	record Move(AccountId account, Instant effectiveAt, long[] totals) {
	}

	static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	@BeforeProperty
	void injectTheSharedApplication() throws Exception {
		new TestContextManager(LedgerPropertyTests.class).prepareTestInstance(this);
	}

	@Provide
	Arbitrary<List<Step>> steps() {
		Arbitrary<Step> step = Combinators
			.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 3),
					Arbitraries.integers().between(0, 3), Arbitraries.longs().between(1, 1_000_000),
					Arbitraries.of(true, false), Arbitraries.integers().between(0, 1000),
					Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 30))
			.as(Step::new);
		return step.list().ofMinSize(1).ofMaxSize(30);
	}

	@Property(tries = 40)
	void balancesAlwaysEqualTheModelAndTheLedgerBalances(@ForAll("steps") List<Step> steps) {
		TenantId owner = new TenantId(Ids.newId());
		TenantContext.run(TenantContext.Scope.tenant(owner, "test"), () -> run(steps));
	}

	private void run(List<Step> steps) {
		LedgerId books = ledger.createLedger(new CreateLedger("model", "Model", null, null)).id();
		List<AccountId> accounts = new ArrayList<>();
		Map<AccountId, long[]> model = new HashMap<>();
		AccountType[] types = AccountType.values();
		for (int i = 0; i < 4; i++) {
			AccountId id = ledger
				.openAccount(new CreateAccount(books, "a" + i, "Account " + i, types[i], null, "EUR", null, null, null,
						null))
				.id();
			accounts.add(id);
			model.put(id, new long[4]);
		}
		List<EntryDetails> pending = new ArrayList<>();
		List<EntryDetails> reversible = new ArrayList<>();
		List<Move> moves = new ArrayList<>();
		for (Step step : steps) {
			if (step.action() >= 5 && step.action() < 8 && !pending.isEmpty()) {
				EntryDetails held = pending.remove(step.pick() % pending.size());
				long reserved = held.postings().get(0).pendingAmount();
				long part = (long) Math.floor(reserved * step.part());
				if (step.hold()) {
					reversible
						.add(ledger.postPending(new PostPending(held.id(), List.of(part, part), null, null, null, null))
							.entry());
				}
				else {
					ledger.voidPending(new VoidPending(held.id(), null, null, null));
				}
				for (PostingDetails posting : held.postings()) {
					long[] totals = model.get(posting.accountId());
					int side = (posting.direction() == Direction.DEBIT) ? 0 : 1;
					totals[2 + side] -= reserved;
					totals[side] += step.hold() ? part : 0;
				}
			}
			else if (step.action() >= 8 && !reversible.isEmpty()) {
				EntryDetails original = reversible.remove(step.pick() % reversible.size());
				if (original.postings().stream().anyMatch(posting -> posting.postedAmount() > 0)) {
					record(moves, ledger.reverse(new ReverseEntry(original.id(), null, null, null, null)).entry());
					for (PostingDetails posting : original.postings()) {
						model.get(posting.accountId())[(posting.direction() == Direction.DEBIT) ? 1 : 0] += posting
							.postedAmount();
					}
				}
			}
			else if (step.debit() != step.credit()) {
				AccountId debit = accounts.get(step.debit());
				AccountId credit = accounts.get(step.credit());
				// effective on a random day of January: many entries are back-dated
				Instant effectiveAt = START.plus(Duration.ofDays(step.day()));
				EntryResult result = ledger.post(new PostEntry(books,
						List.of(PostingLine.debit(debit, step.amount()), PostingLine.credit(credit, step.amount())),
						step.hold(), null, effectiveAt, null, null, null, null, List.of()));
				record(moves, result.entry());
				model.get(debit)[step.hold() ? 2 : 0] += step.amount();
				model.get(credit)[step.hold() ? 3 : 1] += step.amount();
				(step.hold() ? pending : reversible).add(result.entry());
			}
			long debits = 0;
			long credits = 0;
			for (AccountId account : accounts) {
				Balance balance = ledger.balance(account);
				assertThat(new long[] { balance.postedDebits(), balance.postedCredits(), balance.pendingDebits(),
						balance.pendingCredits() })
					.as("totals of %s after %s", account, step)
					.containsExactly(model.get(account));
				debits += balance.postedDebits();
				credits += balance.postedCredits();
			}
			assertThat(debits).as("posted debits = posted credits after %s", step).isEqualTo(credits);
		}
		LedgerInvariants.assertHold(jdbc, transactions);
		// as of any time on the effective axis: the sum of what took effect until then
		for (int day = 0; day <= 31; day++) {
			Instant at = START.plus(Duration.ofDays(day)).plusSeconds(1);
			for (AccountId account : accounts) {
				long[] expected = new long[4];
				moves.stream()
					.filter(move -> move.account().equals(account) && !move.effectiveAt().isAfter(at))
					.forEach(move -> {
						for (int i = 0; i < 4; i++) {
							expected[i] += move.totals()[i];
						}
					});
				Balance asOf = ledger.balanceAsOf(account, at, TimeAxis.EFFECTIVE);
				assertThat(new long[] { asOf.postedDebits(), asOf.postedCredits(), asOf.pendingDebits(),
						asOf.pendingCredits() })
					.as("%s as of %s", account, at)
					.containsExactly(expected);
			}
		}
	}

	private static void record(List<Move> moves, EntryDetails entry) {
		for (PostingDetails posting : entry.postings()) {
			int side = (posting.direction() == Direction.DEBIT) ? 0 : 1;
			long[] totals = new long[4];
			totals[side] = posting.postedAmount();
			totals[2 + side] = posting.pendingAmount();
			moves.add(new Move(posting.accountId(), posting.effectiveAt(), totals));
		}
	}

}
