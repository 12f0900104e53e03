package io.octavia.core.ledger.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.Balance;
import io.octavia.core.ledger.BalanceThresholdCrossed;
import io.octavia.core.ledger.Direction;
import io.octavia.core.ledger.EntryCondition;
import io.octavia.core.ledger.EntryDetails;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.ledger.EntryKind;
import io.octavia.core.ledger.EntryPosted;
import io.octavia.core.ledger.EntryResult;
import io.octavia.core.ledger.EntryStatus;
import io.octavia.core.ledger.EntryVoided;
import io.octavia.core.ledger.LedgerEvents;
import io.octavia.core.ledger.PostingDetails;
import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one write path of the ledger, for single entries and batches alike, inside the
 * caller's transaction: lock every account of the batch in id order ({@code FOR UPDATE},
 * so concurrent writers never deadlock), check each entry against the accounts' totals as
 * the batch has moved them, then append entries and postings and update the accounts in
 * one set-based statement ({@code unnest} of arrays) whatever the batch size. Two round
 * trips to PostgreSQL besides the transaction's own (a batch's time is mostly its round
 * trips, and a tenant's batches are its writes' serial part): the locks and reads, then
 * the writes.
 */
@Component
class EntryWriter {

	private static final HexFormat HEX = HexFormat.of();

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final LedgerReads reads;

	private final BalanceMonitoring monitoring;

	private final long writeTimeoutMillis;

	private volatile @Nullable String transactionTimeout;

	EntryWriter(JdbcTemplate jdbc, ApplicationEventPublisher events, LedgerReads reads, BalanceMonitoring monitoring,
			@Value("${octavia.ledger.write-timeout:30s}") Duration writeTimeout) {
		this.jdbc = jdbc;
		this.events = events;
		this.reads = reads;
		this.monitoring = monitoring;
		this.writeTimeoutMillis = writeTimeout.toMillis();
	}

	private String transactionTimeout() {
		String statement = transactionTimeout;
		if (statement == null) {
			Integer version = jdbc.queryForObject("SELECT current_setting('server_version_num')::int", Integer.class);
			statement = transactionTimeout((version != null) ? version : 0, writeTimeoutMillis);
			transactionTimeout = statement;
		}
		return statement;
	}

	/**
	 * {@code transaction_timeout} came with PostgreSQL 17; before it, a statement and an
	 * idle gap inside the transaction are each bounded instead (docs/ledger.md).
	 */
	static String transactionTimeout(int serverVersion, long timeoutMillis) {
		return (serverVersion >= 170000) ? "SET LOCAL transaction_timeout = " + timeoutMillis
				: "SET LOCAL statement_timeout = " + timeoutMillis
						+ "; SET LOCAL idle_in_transaction_session_timeout = " + timeoutMillis;
	}

	/** The result of one planned entry: written (or replayed), or refused. */
	record Outcome(@Nullable EntryResult result, @Nullable DomainProblem problem) {
	}

	/** A closed period of a ledger. */
	private record ClosedPeriod(UUID id, Instant startsAt, Instant endsAt) {
	}

	/** An entry checked and applied in memory, waiting to be inserted. */
	private static final class Prepared {

		final int index;

		final Plan plan;

		final UUID entryId = Ids.newId();

		final Instant effectiveAt;

		final @Nullable Instant timeoutAt;

		final List<long[]> rows = new ArrayList<>();

		final List<AccountState> accounts = new ArrayList<>();

		final List<Balance> balances = new ArrayList<>();

		/** The accounts' balances right before this entry, for the balance monitors. */
		final List<Balance> before = new ArrayList<>();

		long seq;

		Prepared(int index, Plan plan, Instant effectiveAt, @Nullable Instant timeoutAt) {
			this.index = index;
			this.plan = plan;
			this.effectiveAt = effectiveAt;
			this.timeoutAt = timeoutAt;
		}

	}

	/**
	 * Writes what it can of {@code plans}, in order. A refused plan leaves no trace and
	 * does not move the totals later plans see.
	 */
	List<Outcome> write(List<Plan> plans) {
		TenantId tenant = TenantContext.requireTenant();
		Locked locked = lockAndRead(tenant, plans);
		Map<UUID, List<ClosedPeriod>> closed = locked.closedPeriods();
		Map<UUID, AccountState> accounts = locked.accounts();
		Map<String, Existing> existing = locked.existing();
		// recorded_at grows with every account's version, even when this writer read the
		// clock before it waited for a lock
		Instant now = accounts.values()
			.stream()
			.map(account -> account.lastRecordedAt)
			.filter(Objects::nonNull)
			.reduce(locked.clock(), (a, b) -> a.isAfter(b) ? a : b);

		Outcome[] outcomes = new Outcome[plans.size()];
		Map<String, Prepared> byKey = new HashMap<>();
		List<Prepared> buffer = new ArrayList<>();
		List<Prepared> written = new ArrayList<>();
		for (int i = 0; i < plans.size(); i++) {
			Plan plan = plans.get(i);
			String key = plan.idempotencyKey();
			if (key != null) {
				Existing before = existing.get(key);
				Prepared earlier = byKey.get(key);
				if (before != null || earlier != null) {
					byte[] hash = (before != null) ? before.requestHash() : earlier.plan.requestHash();
					if (!Arrays.equals(hash, plan.requestHash())) {
						outcomes[i] = new Outcome(null,
								new DomainProblem(DomainProblem.Kind.UNPROCESSABLE, "ledger_idempotency_key_reused",
										List.of(key), List.of(), Map.of("idempotencyKey", key)));
					}
					else if (before != null) {
						outcomes[i] = new Outcome(replay(before.entryId()), null);
					}
					// otherwise it replays an earlier entry of this batch, answered once
					// that is written
					continue;
				}
			}
			try {
				Prepared prepared = prepare(i, plan, accounts, closed, now, tenant, buffer);
				buffer.add(prepared);
				written.add(prepared);
				if (key != null) {
					byKey.put(key, prepared);
				}
			}
			catch (DomainProblem problem) {
				outcomes[i] = new Outcome(null, problem);
			}
		}
		append(tenant, buffer, accounts.values().stream().filter(account -> account.changed).toList(), now);
		trackPending(tenant, written);

		List<DomainEvent> published = new ArrayList<>(written.size());
		for (Prepared prepared : written) {
			EntryDetails entry = details(prepared, now);
			EntryResult result = new EntryResult(entry, List.copyOf(prepared.balances), false);
			outcomes[prepared.index] = new Outcome(result, null);
			published.add(event(tenant, prepared, entry));
		}
		published.addAll(crossedMonitors(tenant, accounts.values(), written));
		if (!published.isEmpty()) {
			// one outbox publication for the whole write, one Kafka record per event
			events.publishEvent(new LedgerEvents(published));
		}
		// a second entry of the batch with the key of an earlier one replays it
		for (int i = 0; i < outcomes.length; i++) {
			if (outcomes[i] == null) {
				Prepared earlier = byKey.get(plans.get(i).idempotencyKey());
				EntryResult original = Objects.requireNonNull(outcomes[earlier.index].result());
				outcomes[i] = new Outcome(new EntryResult(original.entry(), original.balances(), true), null);
			}
		}
		return List.of(outcomes);
	}

	private record Existing(UUID entryId, byte[] requestHash) {
	}

	/** The entry written before under this idempotency key, with current balances. */
	EntryResult replay(String key) {
		UUID entryId = jdbc.queryForObject(
				"SELECT entry_id FROM ledger_entry WHERE tenant_id = ? AND idempotency_key = ?", UUID.class,
				TenantContext.requireTenant().value(), key);
		return replay(Objects.requireNonNull(entryId));
	}

	private EntryResult replay(UUID entryId) {
		EntryDetails entry = reads.entry(new EntryId(entryId)).orElseThrow();
		List<Balance> balances = entry.postings()
			.stream()
			.map(posting -> reads.balance(posting.accountId()).orElseThrow())
			.toList();
		return new EntryResult(entry, balances, true);
	}

	/** What a write reads before it plans: all under its locks. */
	private record Locked(Instant clock, Map<UUID, List<ClosedPeriod>> closedPeriods, Map<UUID, AccountState> accounts,
			Map<String, Existing> existing) {
	}

	/**
	 * Takes the write's locks and reads what it plans against, in one round trip (the
	 * statements run one after the other, each with a snapshot taken after the one before
	 * it finished, as in a round trip each): a shared advisory lock per ledger, which
	 * closing a period takes exclusively, so no period of these ledgers can close before
	 * the commit; the clock and the closed periods, read after the locks so that they see
	 * what committed while this write waited; the accounts, locked in id order
	 * ({@code FOR UPDATE}, so concurrent writers never deadlock); with the locks held, a
	 * hard bound on how long the entries may stay uncommitted after their insert (the
	 * chain sealer's safety margin relies on it, docs/ledger.md, Hash chain); and the
	 * entries already written under the plans' idempotency keys.
	 */
	private Locked lockAndRead(TenantId tenant, List<Plan> plans) {
		TreeSet<UUID> ledgers = new TreeSet<>();
		TreeSet<UUID> ids = new TreeSet<>();
		for (Plan plan : plans) {
			ledgers.add(plan.ledgerId().value());
			plan.lines().forEach(line -> ids.add(line.accountId().value()));
		}
		Long[] lockKeys = ledgers.stream().map(EntryWriter::periodLockKey).toArray(Long[]::new);
		String[] keys = plans.stream()
			.map(Plan::idempotencyKey)
			.filter(Objects::nonNull)
			.distinct()
			.toArray(String[]::new);
		String sql = """
				SELECT pg_advisory_xact_lock_shared(k) FROM unnest(?::bigint[]) AS k;
				SELECT clock_timestamp();
				SELECT ledger_id, period_id, starts_at, ends_at FROM ledger_period
				WHERE tenant_id = ? AND ledger_id = ANY (?::uuid[]) AND status = 'closed';
				SELECT account_id, ledger_id, currency, normal_balance, debits_must_not_exceed_credits,
				       credits_must_not_exceed_debits, overdraft_limit, closed_at IS NOT NULL, posted_debits,
				       posted_credits, pending_debits, pending_credits, version, latest_effective_at, updated_at,
				       EXISTS (SELECT FROM ledger_balance_monitor m WHERE m.tenant_id = ledger_account.tenant_id
				               AND m.account_id = ledger_account.account_id)
				FROM ledger_account WHERE tenant_id = ? AND account_id = ANY (?::uuid[])
				ORDER BY account_id FOR UPDATE;
				""" + transactionTimeout() + ";" + ((keys.length == 0) ? "" : """
				SELECT idempotency_key, entry_id, request_hash FROM ledger_entry
				WHERE tenant_id = ? AND idempotency_key = ANY (?::text[])""");
		return jdbc.execute((ConnectionCallback<Locked>) connection -> {
			try (PreparedStatement ps = connection.prepareStatement(sql)) {
				ps.setArray(1, connection.createArrayOf("bigint", lockKeys));
				ps.setObject(2, tenant.value());
				ps.setArray(3, connection.createArrayOf("uuid", ledgers.toArray()));
				ps.setObject(4, tenant.value());
				ps.setArray(5, connection.createArrayOf("uuid", ids.toArray()));
				if (keys.length > 0) {
					ps.setObject(6, tenant.value());
					ps.setArray(7, text(connection, keys));
				}
				Instant clock = null;
				Map<UUID, List<ClosedPeriod>> closed = new HashMap<>();
				ledgers.forEach(ledger -> closed.put(ledger, new ArrayList<>()));
				Map<UUID, AccountState> accounts = new HashMap<>();
				Map<String, Existing> existing = new HashMap<>();
				int resultSet = 0;
				for (boolean isResultSet = ps.execute(); isResultSet
						|| ps.getUpdateCount() != -1; isResultSet = ps.getMoreResults()) {
					if (!isResultSet) {
						continue; // the timeout's SET
					}
					try (ResultSet rs = ps.getResultSet()) {
						switch (resultSet++) {
							case 1 -> {
								rs.next();
								clock = rs.getObject(1, OffsetDateTime.class).toInstant();
							}
							case 2 -> {
								while (rs.next()) {
									closed.get(rs.getObject(1, UUID.class))
										.add(new ClosedPeriod(rs.getObject(2, UUID.class),
												rs.getObject(3, OffsetDateTime.class).toInstant(),
												rs.getObject(4, OffsetDateTime.class).toInstant()));
								}
							}
							case 3 -> {
								while (rs.next()) {
									AccountState account = account(rs);
									accounts.put(account.id, account);
								}
							}
							case 4 -> {
								while (rs.next()) {
									existing.put(rs.getString(1),
											new Existing(rs.getObject(2, UUID.class), rs.getBytes(3)));
								}
							}
							default -> {
								// the advisory locks' void results
							}
						}
					}
				}
				return new Locked(Objects.requireNonNull(clock), closed, accounts, existing);
			}
		});
	}

	private static AccountState account(ResultSet rs) throws SQLException {
		OffsetDateTime latest = rs.getObject(14, OffsetDateTime.class);
		AccountState account = new AccountState(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
				rs.getString(3), Direction.of(rs.getString(4)), rs.getBoolean(5), rs.getBoolean(6),
				(Long) rs.getObject(7), rs.getBoolean(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
				rs.getLong(13), (latest != null) ? latest.toInstant() : null,
				rs.getObject(15, OffsetDateTime.class).toInstant());
		account.monitored = rs.getBoolean(16);
		return account;
	}

	static long periodLockKey(UUID ledger) {
		return ledger.getMostSignificantBits() ^ ledger.getLeastSignificantBits();
	}

	/** Checks a plan against the accounts and applies it to them, or refuses it. */
	private Prepared prepare(int index, Plan plan, Map<UUID, AccountState> accounts,
			Map<UUID, List<ClosedPeriod>> closedPeriods, Instant now, TenantId tenant, List<Prepared> buffer) {
		List<AccountState> touched = new ArrayList<>();
		for (Plan.Line line : plan.lines()) {
			AccountState account = accounts.get(line.accountId().value());
			if (account == null) {
				throw problem(DomainProblem.Kind.UNPROCESSABLE, "ledger_account_unknown",
						Map.of("accountId", line.accountId().toString()), line.accountId().toString());
			}
			if (!account.ledgerId.equals(plan.ledgerId().value())) {
				throw problem(DomainProblem.Kind.UNPROCESSABLE, "ledger_account_other_ledger",
						Map.of("accountId", line.accountId().toString()), line.accountId().toString());
			}
			if (account.closed && plan.kind() != EntryKind.VOID_PENDING) {
				throw problem(DomainProblem.Kind.UNPROCESSABLE, "ledger_account_closed",
						Map.of("accountId", line.accountId().toString()), line.accountId().toString());
			}
			if (line.currency() != null && !line.currency().equals(account.currency)) {
				throw problem(DomainProblem.Kind.UNPROCESSABLE, "ledger_currency_mismatch",
						Map.of("accountId", line.accountId().toString(), "accountCurrency", account.currency,
								"currency", line.currency()),
						line.accountId().toString(), account.currency, line.currency());
			}
			touched.add(account);
		}
		checkBalanced(plan, touched);
		Instant effectiveAt = (plan.effectiveAt() != null) ? plan.effectiveAt() : now;
		List<ClosedPeriod> closed = closedPeriods.getOrDefault(plan.ledgerId().value(), List.of());
		if (plan.timedOut()) {
			// the timeout only releases a reservation: it takes effect when the closed
			// period ends instead of being refused, so the closed books stay as they
			// were and the pending amounts are free at once (docs/ledger.md)
			effectiveAt = firstOpenInstant(effectiveAt, closed);
		}
		for (ClosedPeriod period : closed) {
			if (!effectiveAt.isBefore(period.startsAt()) && effectiveAt.isBefore(period.endsAt())) {
				throw problem(DomainProblem.Kind.UNPROCESSABLE, "ledger_period_closed",
						Map.of("periodId", period.id().toString(), "effectiveAt", effectiveAt.toString()),
						effectiveAt.toString());
			}
		}
		for (EntryCondition condition : plan.conditions()) {
			AccountState account = accounts.get(condition.accountId().value());
			if (account == null) {
				throw problem(DomainProblem.Kind.UNPROCESSABLE, "ledger_account_unknown",
						Map.of("accountId", condition.accountId().toString()), condition.accountId().toString());
			}
			if (condition.lockVersion() != null && condition.lockVersion() != account.version) {
				throw problem(DomainProblem.Kind.CONFLICT, "ledger_lock_version_mismatch",
						Map.of("accountId", condition.accountId().toString(), "expected", condition.lockVersion(),
								"current", account.version),
						condition.accountId().toString(), condition.lockVersion(), account.version);
			}
			if (condition.availableAtLeast() != null && account.available() < condition.availableAtLeast()) {
				throw problem(DomainProblem.Kind.UNPROCESSABLE, "ledger_condition_failed",
						Map.of("accountId", condition.accountId().toString(), "required", condition.availableAtLeast(),
								"available", account.available(), "currency", account.currency),
						condition.accountId().toString(), condition.availableAtLeast(), account.available());
			}
		}

		// compute the new totals on copies first: a refusal must leave the accounts as
		// they were
		long[][] next = new long[plan.lines().size()][];
		for (int i = 0; i < plan.lines().size(); i++) {
			Plan.Line line = plan.lines().get(i);
			AccountState account = touched.get(i);
			long[] totals = { account.postedDebits, account.postedCredits, account.pendingDebits,
					account.pendingCredits };
			try {
				if (line.direction() == Direction.DEBIT) {
					totals[0] = Math.addExact(totals[0], line.posted());
					totals[2] = Math.addExact(totals[2], line.pending());
				}
				else {
					totals[1] = Math.addExact(totals[1], line.posted());
					totals[3] = Math.addExact(totals[3], line.pending());
				}
			}
			catch (ArithmeticException ex) {
				throw problem(DomainProblem.Kind.UNPROCESSABLE, "ledger_amount_overflow",
						Map.of("accountId", line.accountId().toString()), line.accountId().toString());
			}
			if (totals[2] < 0 || totals[3] < 0) {
				throw new IllegalStateException("Pending totals of account " + account.id + " would turn negative");
			}
			checkBounds(account, line, totals);
			next[i] = totals;
		}

		Instant timeoutAt = (plan.timeoutSeconds() != null) ? now.plusSeconds(plan.timeoutSeconds()) : null;
		Prepared prepared = new Prepared(index, plan, effectiveAt, timeoutAt);
		for (int i = 0; i < plan.lines().size(); i++) {
			Plan.Line line = plan.lines().get(i);
			AccountState account = touched.get(i);
			long[] totals = next[i];
			prepared.before.add(account.balance());
			account.postedDebits = totals[0];
			account.postedCredits = totals[1];
			account.pendingDebits = totals[2];
			account.pendingCredits = totals[3];
			account.version++;
			account.changed = true;
			long[] effective;
			if (account.latestEffectiveAt == null || !effectiveAt.isBefore(account.latestEffectiveAt)) {
				account.latestEffectiveAt = effectiveAt;
				effective = totals.clone();
			}
			else {
				// back-dated: earlier entries of the batch must be in the table for the
				// probe
				append(tenant, buffer, List.of(), now);
				buffer.clear();
				effective = backDate(tenant, account, line, effectiveAt);
			}
			prepared.rows.add(new long[] { line.direction() == Direction.DEBIT ? 0 : 1, line.posted(), line.pending(),
					account.version, totals[0], totals[1], totals[2], totals[3], effective[0], effective[1],
					effective[2], effective[3] });
			prepared.accounts.add(account);
			prepared.balances.add(account.balance());
		}
		return prepared;
	}

	/**
	 * The first instant from {@code at} on that no closed period covers. Periods never
	 * overlap, so one pass in start order skips a run of adjacent closed ones.
	 */
	private static Instant firstOpenInstant(Instant at, List<ClosedPeriod> closed) {
		Instant open = at;
		for (ClosedPeriod period : closed.stream().sorted(Comparator.comparing(ClosedPeriod::startsAt)).toList()) {
			if (!open.isBefore(period.startsAt()) && open.isBefore(period.endsAt())) {
				open = period.endsAt();
			}
		}
		return open;
	}

	private static void checkBalanced(Plan plan, List<AccountState> accounts) {
		Map<String, long[]> sums = new TreeMap<>();
		for (int i = 0; i < plan.lines().size(); i++) {
			Plan.Line line = plan.lines().get(i);
			long[] sum = sums.computeIfAbsent(accounts.get(i).currency, currency -> new long[4]);
			int side = (line.direction() == Direction.DEBIT) ? 0 : 1;
			try {
				sum[side] = Math.addExact(sum[side], line.posted());
				sum[2 + side] = Math.addExact(sum[2 + side], line.pending());
			}
			catch (ArithmeticException ex) {
				throw problem(DomainProblem.Kind.UNPROCESSABLE, "ledger_amount_overflow",
						Map.of("accountId", line.accountId().toString()), line.accountId().toString());
			}
		}
		sums.forEach((currency, sum) -> {
			if (sum[0] != sum[1] || sum[2] != sum[3]) {
				boolean posted = sum[0] != sum[1];
				long debits = posted ? sum[0] : sum[2];
				long credits = posted ? sum[1] : sum[3];
				throw problem(DomainProblem.Kind.UNPROCESSABLE, "ledger_entry_unbalanced",
						Map.of("currency", currency, "debits", debits, "credits", credits), currency, debits, credits);
			}
		});
	}

	/**
	 * Bounds hold after every write that raises the bounded side (pending included, as in
	 * TigerBeetle); a write that lowers it (a release, a posting on the other side) is
	 * always allowed.
	 */
	private static void checkBounds(AccountState account, Plan.Line line, long[] totals) {
		long raised = line.posted() + Math.max(line.pending(), 0);
		if (raised == 0) {
			return;
		}
		boolean debit = line.direction() == Direction.DEBIT;
		if (debit && account.debitsMustNotExceedCredits && totals[0] + totals[2] > totals[1]) {
			throw insufficient(account, raised, account.postedCredits - account.postedDebits - account.pendingDebits);
		}
		if (!debit && account.creditsMustNotExceedDebits && totals[1] + totals[3] > totals[0]) {
			throw insufficient(account, raised, account.postedDebits - account.postedCredits - account.pendingCredits);
		}
		if (account.overdraftLimit != null && debit != (account.normal == Direction.DEBIT)) {
			Balance after = Balance.of(new AccountId(account.id), account.currency, account.normal, totals[0],
					totals[1], totals[2], totals[3], account.version, null);
			if (after.available() < -account.overdraftLimit) {
				throw insufficient(account, raised, account.available() + account.overdraftLimit);
			}
		}
	}

	private static DomainProblem insufficient(AccountState account, long requested, long available) {
		return problem(DomainProblem.Kind.UNPROCESSABLE, "ledger_balance_insufficient",
				Map.of("accountId", account.id.toString(), "requested", requested, "available", Math.max(available, 0),
						"currency", account.currency),
				account.id.toString(), requested, Math.max(available, 0), account.currency);
	}

	/**
	 * The effective-axis totals of a back-dated posting: those of the account's last
	 * posting effective at or before it, plus its own amounts; the account's postings
	 * effective later get its amounts added to theirs.
	 */
	private long[] backDate(TenantId tenant, AccountState account, Plan.Line line, Instant effectiveAt) {
		List<long[]> before = jdbc.query("""
				SELECT eff_posted_debits, eff_posted_credits, eff_pending_debits, eff_pending_credits
				FROM ledger_posting WHERE tenant_id = ? AND account_id = ? AND effective_at <= ?
				ORDER BY effective_at DESC, account_version DESC LIMIT 1""",
				(rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4) }, tenant.value(),
				account.id, utc(effectiveAt));
		long[] base = before.isEmpty() ? new long[4] : before.get(0);
		long[] delta = new long[4];
		int side = (line.direction() == Direction.DEBIT) ? 0 : 1;
		delta[side] = line.posted();
		delta[2 + side] = line.pending();
		jdbc.update("""
				UPDATE ledger_posting SET eff_posted_debits = eff_posted_debits + ?,
				       eff_posted_credits = eff_posted_credits + ?, eff_pending_debits = eff_pending_debits + ?,
				       eff_pending_credits = eff_pending_credits + ?
				WHERE tenant_id = ? AND account_id = ? AND effective_at > ?""", delta[0], delta[1], delta[2], delta[3],
				tenant.value(), account.id, utc(effectiveAt));
		return new long[] { base[0] + delta[0], base[1] + delta[1], base[2] + delta[2], base[3] + delta[3] };
	}

	/**
	 * Inserts the buffered entries and their postings and writes the accounts' new
	 * totals, in one statement (one round trip whatever the batch size): the postings
	 * take their entry's {@code seq} from the entries' insert.
	 */
	private void append(TenantId tenant, List<Prepared> buffer, List<AccountState> changed, Instant now) {
		if (buffer.isEmpty() && changed.isEmpty()) {
			return;
		}
		int n = buffer.size();
		String[] ids = new String[n], ledgers = new String[n], kinds = new String[n], pendings = new String[n],
				reverses = new String[n], effective = new String[n], timeouts = new String[n],
				descriptions = new String[n], references = new String[n], metadata = new String[n],
				keys = new String[n], hashes = new String[n], actors = new String[n];
		for (int i = 0; i < n; i++) {
			Prepared p = buffer.get(i);
			Plan plan = p.plan;
			ids[i] = p.entryId.toString();
			ledgers[i] = plan.ledgerId().toString();
			kinds[i] = plan.kind().value();
			pendings[i] = (plan.pendingEntryId() != null) ? plan.pendingEntryId().toString() : null;
			reverses[i] = (plan.reversesEntryId() != null) ? plan.reversesEntryId().toString() : null;
			effective[i] = p.effectiveAt.toString();
			timeouts[i] = (p.timeoutAt != null) ? p.timeoutAt.toString() : null;
			descriptions[i] = plan.description();
			references[i] = plan.externalReference();
			metadata[i] = plan.metadataJson();
			keys[i] = plan.idempotencyKey();
			hashes[i] = "\\x" + HEX.formatHex(plan.requestHash());
			actors[i] = plan.cause().actor();
		}
		int rows = buffer.stream().mapToInt(p -> p.rows.size()).sum();
		Long[] amounts = new Long[rows * 11];
		Integer[] index = new Integer[rows];
		String[] entry = new String[rows], ledger = new String[rows], account = new String[rows],
				currency = new String[rows], direction = new String[rows], effectiveAt = new String[rows];
		int r = 0;
		for (Prepared p : buffer) {
			for (int i = 0; i < p.rows.size(); i++, r++) {
				long[] row = p.rows.get(i);
				AccountState state = p.accounts.get(i);
				index[r] = i;
				entry[r] = p.entryId.toString();
				ledger[r] = p.plan.ledgerId().toString();
				account[r] = state.id.toString();
				currency[r] = state.currency;
				direction[r] = (row[0] == 0) ? "debit" : "credit";
				effectiveAt[r] = p.effectiveAt.toString();
				for (int k = 0; k < 11; k++) {
					amounts[k * rows + r] = row[k + 1];
				}
			}
		}
		int m = changed.size();
		String[] accountIds = new String[m], latest = new String[m];
		Long[] totals = new Long[m * 5];
		for (int i = 0; i < m; i++) {
			AccountState a = changed.get(i);
			accountIds[i] = a.id.toString();
			latest[i] = (a.latestEffectiveAt != null) ? a.latestEffectiveAt.toString() : null;
			long[] values = { a.postedDebits, a.postedCredits, a.pendingDebits, a.pendingCredits, a.version };
			for (int k = 0; k < 5; k++) {
				totals[k * m + i] = values[k];
			}
		}
		Map<UUID, Long> seqs = new HashMap<>();
		jdbc.query(connection -> {
			PreparedStatement ps = connection.prepareStatement("""
					WITH e AS (
					    INSERT INTO ledger_entry (tenant_id, entry_id, ledger_id, kind, pending_entry_id,
					           reverses_entry_id, effective_at, timeout_at, description, external_reference, metadata,
					           idempotency_key, request_hash, actor, recorded_at)
					    SELECT ?, e.*, ? FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::uuid[], ?::uuid[],
					           ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::jsonb[], ?::text[],
					           ?::bytea[], ?::text[]) AS e
					    RETURNING entry_id, seq),
					p AS (
					    INSERT INTO ledger_posting (tenant_id, recorded_at, seq, posting_index, entry_id, ledger_id,
					           account_id, currency, direction, effective_at, posted_amount, pending_amount,
					           account_version, after_posted_debits, after_posted_credits, after_pending_debits,
					           after_pending_credits, eff_posted_debits, eff_posted_credits, eff_pending_debits,
					           eff_pending_credits)
					    SELECT ?, ?, e.seq, p.posting_index, p.entry_id, p.ledger_id, p.account_id, p.currency,
					           p.direction, p.effective_at, p.posted_amount, p.pending_amount, p.account_version,
					           p.apd, p.apc, p.aqd, p.aqc, p.epd, p.epc, p.eqd, p.eqc
					    FROM unnest(?::int[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[],
					           ?::timestamptz[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
					           ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
					         WITH ORDINALITY
					         AS p (posting_index, entry_id, ledger_id, account_id, currency, direction, effective_at,
					               posted_amount, pending_amount, account_version, apd, apc, aqd, aqc, epd, epc, eqd,
					               eqc, ord)
					    JOIN e USING (entry_id)
					    -- in the order given, as a statement of their own would (the tables'
					    -- physical order is what the planner's correlation statistics see)
					    ORDER BY p.ord),
					a AS (
					    UPDATE ledger_account a
					    SET posted_debits = v.pd, posted_credits = v.pc, pending_debits = v.qd,
					        pending_credits = v.qc, version = v.version, latest_effective_at = v.latest,
					        updated_at = ?
					    FROM unnest(?::uuid[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
					                ?::timestamptz[]) AS v (id, pd, pc, qd, qc, version, latest)
					    WHERE a.tenant_id = ? AND a.account_id = v.id)
					SELECT entry_id, seq FROM e""");
			int at = 1;
			ps.setObject(at++, tenant.value());
			ps.setObject(at++, utc(now));
			for (String[] column : List.of(ids, ledgers, kinds, pendings, reverses, effective, timeouts, descriptions,
					references, metadata, keys, hashes, actors)) {
				ps.setArray(at++, text(connection, column));
			}
			ps.setObject(at++, tenant.value());
			ps.setObject(at++, utc(now));
			ps.setArray(at++, connection.createArrayOf("int4", index));
			for (String[] column : List.of(entry, ledger, account, currency, direction, effectiveAt)) {
				ps.setArray(at++, text(connection, column));
			}
			for (int k = 0; k < 11; k++) {
				ps.setArray(at++,
						connection.createArrayOf("bigint", Arrays.copyOfRange(amounts, k * rows, (k + 1) * rows)));
			}
			ps.setObject(at++, utc(now));
			ps.setArray(at++, text(connection, accountIds));
			for (int k = 0; k < 5; k++) {
				ps.setArray(at++, connection.createArrayOf("bigint", Arrays.copyOfRange(totals, k * m, (k + 1) * m)));
			}
			ps.setArray(at++, text(connection, latest));
			ps.setObject(at, tenant.value());
			return ps;
		}, rs -> {
			seqs.put(rs.getObject(1, UUID.class), rs.getLong(2));
		});
		for (Prepared p : buffer) {
			p.seq = seqs.get(p.entryId);
		}
	}

	/** Open pending entries come into the work list, resolved ones leave it. */
	private void trackPending(TenantId tenant, List<Prepared> written) {
		List<Prepared> opened = written.stream().filter(p -> p.plan.kind() == EntryKind.PENDING).toList();
		if (!opened.isEmpty()) {
			String[] ids = opened.stream().map(p -> p.entryId.toString()).toArray(String[]::new);
			String[] ledgers = opened.stream().map(p -> p.plan.ledgerId().toString()).toArray(String[]::new);
			String[] timeouts = opened.stream()
				.map(p -> (p.timeoutAt != null) ? p.timeoutAt.toString() : null)
				.toArray(String[]::new);
			jdbc.update(connection -> {
				PreparedStatement ps = connection.prepareStatement("""
						INSERT INTO ledger_pending (tenant_id, entry_id, ledger_id, timeout_at)
						SELECT ?, p.* FROM unnest(?::uuid[], ?::uuid[], ?::timestamptz[]) AS p""");
				ps.setObject(1, tenant.value());
				ps.setArray(2, text(connection, ids));
				ps.setArray(3, text(connection, ledgers));
				ps.setArray(4, text(connection, timeouts));
				return ps;
			});
		}
		String[] resolved = written.stream()
			.filter(p -> p.plan.pendingEntryId() != null)
			.map(p -> Objects.requireNonNull(p.plan.pendingEntryId()).toString())
			.toArray(String[]::new);
		if (resolved.length > 0) {
			jdbc.update(connection -> {
				PreparedStatement ps = connection
					.prepareStatement("DELETE FROM ledger_pending WHERE tenant_id = ? AND entry_id = ANY (?::uuid[])");
				ps.setObject(1, tenant.value());
				ps.setArray(2, text(connection, resolved));
				return ps;
			});
		}
	}

	private EntryDetails details(Prepared p, Instant now) {
		Plan plan = p.plan;
		List<PostingDetails> postings = new ArrayList<>();
		for (int i = 0; i < p.rows.size(); i++) {
			long[] row = p.rows.get(i);
			AccountState account = p.accounts.get(i);
			AccountId id = new AccountId(account.id);
			postings.add(new PostingDetails(new EntryId(p.entryId), p.seq, i, id, account.currency,
					(row[0] == 0) ? Direction.DEBIT : Direction.CREDIT, row[1], row[2], p.effectiveAt, now, row[3],
					Balance.of(id, account.currency, account.normal, row[4], row[5], row[6], row[7], row[3], null)));
		}
		EntryStatus status = (plan.kind() == EntryKind.PENDING) ? EntryStatus.PENDING : EntryStatus.POSTED;
		return new EntryDetails(new EntryId(p.entryId), plan.ledgerId(), p.seq, plan.kind(), status,
				plan.pendingEntryId(), plan.reversesEntryId(), null, null, p.effectiveAt, now, p.timeoutAt,
				plan.description(), plan.externalReference(), reads.metadata(plan.metadataJson()),
				plan.idempotencyKey(), List.copyOf(postings));
	}

	/**
	 * Hands the moves of monitored accounts to the balance monitors; nothing when none
	 * is.
	 */
	private List<BalanceThresholdCrossed> crossedMonitors(TenantId tenant, java.util.Collection<AccountState> accounts,
			List<Prepared> written) {
		if (accounts.stream().noneMatch(account -> account.monitored)) {
			return List.of();
		}
		List<BalanceMonitoring.Movement> movements = new ArrayList<>();
		for (Prepared p : written) {
			for (int i = 0; i < p.accounts.size(); i++) {
				if (p.accounts.get(i).monitored) {
					movements.add(new BalanceMonitoring.Movement(new EntryId(p.entryId), p.plan.ledgerId(),
							p.before.get(i), p.balances.get(i)));
				}
			}
		}
		return monitoring.crossings(tenant, movements);
	}

	private static DomainEvent event(TenantId tenant, Prepared p, EntryDetails entry) {
		List<Balance> balances = List.copyOf(p.balances);
		if (p.plan.kind() == EntryKind.VOID_PENDING) {
			return new EntryVoided(p.plan.cause(), tenant, p.plan.ledgerId(),
					Objects.requireNonNull(p.plan.pendingEntryId()), entry.id(), p.seq, p.plan.timedOut(), balances);
		}
		return new EntryPosted(p.plan.cause(), tenant, p.plan.ledgerId(), entry.id(), p.seq, p.plan.kind(),
				p.plan.pendingEntryId(), p.plan.reversesEntryId(), p.effectiveAt, p.plan.externalReference(), balances);
	}

	static DomainProblem problem(DomainProblem.Kind kind, String code, Map<String, Object> properties,
			Object... arguments) {
		return new DomainProblem(kind, code, List.of(arguments), List.of(), properties);
	}

	private static Array text(Connection connection, String[] values) throws SQLException {
		return connection.createArrayOf("text", values);
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
