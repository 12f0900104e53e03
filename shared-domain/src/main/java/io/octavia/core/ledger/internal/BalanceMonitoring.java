package io.octavia.core.ledger.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.Balance;
import io.octavia.core.ledger.BalanceMonitor;
import io.octavia.core.ledger.BalanceMonitorId;
import io.octavia.core.ledger.BalanceThresholdCrossed;
import io.octavia.core.ledger.CreateBalanceMonitor;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerMonitors;
import io.octavia.core.ledger.MonitorCondition;
import io.octavia.core.ledger.MonitoredBalance;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Balance monitors: their configuration ({@link LedgerMonitors}) and the check in the
 * write path. The writer learns whether an account has monitors from its lock query (no
 * extra statement for the accounts without), then hands the monitored accounts' moves
 * here: one query loads their monitors, and each crossing becomes a
 * {@link BalanceThresholdCrossed} that the writer publishes with its entries (the
 * outbox).
 */
@Service
class BalanceMonitoring implements LedgerMonitors {

	/** How one entry moved one monitored account's balance. */
	record Movement(EntryId entryId, LedgerId ledgerId, Balance before, Balance after) {
	}

	private record Monitor(UUID id, UUID accountId, MonitoredBalance balance, MonitorCondition condition, long amount) {
	}

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	BalanceMonitoring(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
	}

	/**
	 * A crossing for each monitor whose threshold a move crossed, for the writer to
	 * publish with its entries.
	 */
	List<BalanceThresholdCrossed> crossings(TenantId tenant, List<Movement> movements) {
		List<BalanceThresholdCrossed> crossings = new ArrayList<>();
		if (movements.isEmpty()) {
			return crossings;
		}
		String[] accounts = movements.stream()
			.map(movement -> movement.after().accountId().toString())
			.distinct()
			.toArray(String[]::new);
		Map<UUID, List<Monitor>> monitors = new HashMap<>();
		jdbc.query("""
				SELECT monitor_id, account_id, balance, condition, amount FROM ledger_balance_monitor
				WHERE tenant_id = ? AND account_id = ANY (?::uuid[])""", ps -> {
			ps.setObject(1, tenant.value());
			ps.setArray(2, ps.getConnection().createArrayOf("text", accounts));
		}, rs -> {
			Monitor monitor = new Monitor(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					MonitoredBalance.of(rs.getString(3)), MonitorCondition.of(rs.getString(4)), rs.getLong(5));
			monitors.computeIfAbsent(monitor.accountId(), id -> new ArrayList<>()).add(monitor);
		});
		for (Movement movement : movements) {
			for (Monitor monitor : monitors.getOrDefault(movement.after().accountId().value(), List.of())) {
				long before = monitor.balance().of(movement.before());
				long after = monitor.balance().of(movement.after());
				boolean breached = monitor.condition().breachedBy(after, monitor.amount());
				if (monitor.condition().breachedBy(before, monitor.amount()) != breached) {
					crossings.add(new BalanceThresholdCrossed(EventMetadata.capture(tenant), tenant,
							movement.ledgerId(), movement.after().accountId(), new BalanceMonitorId(monitor.id()),
							monitor.balance(), monitor.condition(), monitor.amount(), breached, before, after,
							movement.after().currency(), movement.entryId()));
				}
			}
		}
		return crossings;
	}

	@Override
	public BalanceMonitor createMonitor(CreateBalanceMonitor command) {
		FieldProblems problems = new FieldProblems();
		if (command.balance() == null) {
			problems.add("balance", "api.field.ledger.monitor_balance");
		}
		if (command.condition() == null) {
			problems.add("condition", "api.field.ledger.monitor_condition");
		}
		if (command.amount() == null) {
			problems.add("amount", "api.field.required");
		}
		if (command.description() != null && command.description().length() > 200) {
			problems.add("description", "api.field.ledger.text", 200);
		}
		problems.throwIfAny();
		BalanceMonitorId id = new BalanceMonitorId(Ids.newId());
		return inTransaction(() -> {
			TenantId tenant = TenantContext.requireTenant();
			lockAccount(tenant, command.ledgerId(), command.accountId());
			Integer count = jdbc.queryForObject(
					"SELECT count(*) FROM ledger_balance_monitor WHERE tenant_id = ? AND account_id = ?", Integer.class,
					tenant.value(), command.accountId().value());
			if (count != null && count >= MAX_PER_ACCOUNT) {
				new FieldProblems().add("accountId", "api.field.ledger.monitor_limit", MAX_PER_ACCOUNT).throwIfAny();
			}
			jdbc.update("""
					INSERT INTO ledger_balance_monitor (tenant_id, monitor_id, ledger_id, account_id, balance,
					                                    condition, amount, description)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", tenant.value(), id.value(), command.ledgerId().value(),
					command.accountId().value(), Objects.requireNonNull(command.balance()).value(),
					Objects.requireNonNull(command.condition()).value(), command.amount(),
					(command.description() != null) ? command.description().strip() : null);
			return list(tenant, command.accountId()).stream()
				.filter(monitor -> monitor.id().equals(id))
				.findFirst()
				.orElseThrow();
		});
	}

	@Override
	public List<BalanceMonitor> monitors(LedgerId ledger, AccountId account) {
		return inTransaction(() -> {
			TenantId tenant = TenantContext.requireTenant();
			account(tenant, ledger, account, false);
			return list(tenant, account);
		});
	}

	@Override
	public void deleteMonitor(LedgerId ledger, AccountId account, BalanceMonitorId monitor) {
		inTransaction(() -> {
			TenantId tenant = TenantContext.requireTenant();
			lockAccount(tenant, ledger, account);
			int deleted = jdbc.update(
					"DELETE FROM ledger_balance_monitor WHERE tenant_id = ? AND account_id = ? AND monitor_id = ?",
					tenant.value(), account.value(), monitor.value());
			if (deleted == 0) {
				throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_monitor_not_found", monitor.toString());
			}
			return deleted;
		});
	}

	/**
	 * The account's row locked (monitors change one at a time per account, so the limit
	 * holds); not found unless it is in that ledger.
	 */
	private void lockAccount(TenantId tenant, LedgerId ledger, AccountId account) {
		account(tenant, ledger, account, true);
	}

	private void account(TenantId tenant, LedgerId ledger, AccountId account, boolean lock) {
		List<UUID> found = jdbc.query(
				"SELECT account_id FROM ledger_account WHERE tenant_id = ? AND ledger_id = ? AND account_id = ?"
						+ (lock ? " FOR UPDATE" : ""),
				(rs, n) -> rs.getObject(1, UUID.class), tenant.value(), ledger.value(), account.value());
		if (found.isEmpty()) {
			throw LedgerService.accountNotFound(account);
		}
	}

	private List<BalanceMonitor> list(TenantId tenant, AccountId account) {
		return jdbc.query("""
				SELECT m.monitor_id, m.ledger_id, m.account_id, m.balance, m.condition, m.amount, a.currency,
				       m.description, m.created_at
				FROM ledger_balance_monitor m
				JOIN ledger_account a ON a.tenant_id = m.tenant_id AND a.account_id = m.account_id
				WHERE m.tenant_id = ? AND m.account_id = ? ORDER BY m.created_at, m.monitor_id""",
				(rs, n) -> new BalanceMonitor(new BalanceMonitorId(rs.getObject(1, UUID.class)),
						new LedgerId(rs.getObject(2, UUID.class)), new AccountId(rs.getObject(3, UUID.class)),
						MonitoredBalance.of(rs.getString(4)), MonitorCondition.of(rs.getString(5)), rs.getLong(6),
						rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class).toInstant()),
				tenant.value(), account.value());
	}

	private <T> T inTransaction(Supplier<T> work) {
		TenantContext.requireTenant();
		return Objects.requireNonNull(transactions.execute(status -> work.get()));
	}

}
