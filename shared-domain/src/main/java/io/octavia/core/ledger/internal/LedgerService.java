package io.octavia.core.ledger.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import io.octavia.core.ledger.AccountBounds;
import io.octavia.core.ledger.AccountDetails;
import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.AccountPage;
import io.octavia.core.ledger.AccountQuery;
import io.octavia.core.ledger.Balance;
import io.octavia.core.ledger.BulkMode;
import io.octavia.core.ledger.BulkPost;
import io.octavia.core.ledger.BulkResult;
import io.octavia.core.ledger.CreateAccount;
import io.octavia.core.ledger.CreateLedger;
import io.octavia.core.ledger.CreatePeriod;
import io.octavia.core.ledger.Direction;
import io.octavia.core.ledger.EntryCondition;
import io.octavia.core.ledger.EntryDetails;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.ledger.EntryKind;
import io.octavia.core.ledger.EntryPage;
import io.octavia.core.ledger.EntryQuery;
import io.octavia.core.ledger.EntryResult;
import io.octavia.core.ledger.EntryStatus;
import io.octavia.core.ledger.LedgerDetails;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerManagement;
import io.octavia.core.ledger.PeriodDetails;
import io.octavia.core.ledger.PeriodId;
import io.octavia.core.ledger.PostEntry;
import io.octavia.core.ledger.PostPending;
import io.octavia.core.ledger.PostingDetails;
import io.octavia.core.ledger.PostingLine;
import io.octavia.core.ledger.PostingPage;
import io.octavia.core.ledger.ReverseEntry;
import io.octavia.core.ledger.TimeAxis;
import io.octavia.core.ledger.UpdateAccount;
import io.octavia.core.ledger.VoidPending;
import io.octavia.core.platform.DataConstraints;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.Metadata;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger module's implementation of {@link LedgerManagement}. Every operation runs in
 * a transaction of its own (begun here, after the tenant scope is set); writes retry once
 * when a concurrent writer claimed the same idempotency key first, and then replay that
 * writer's entry.
 */
@Service
class LedgerService implements LedgerManagement {

	private static final String CODE = "[a-z0-9][a-z0-9_.-]{0,62}";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnly;

	private final EntryWriter writer;

	private final EntryBatcher batcher;

	private final LedgerReads reads;

	private final JsonMapper json;

	LedgerService(JdbcTemplate jdbc, TransactionTemplate transactions, EntryWriter writer, EntryBatcher batcher,
			LedgerReads reads, JsonMapper json) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
		this.readOnly = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
		this.readOnly.setReadOnly(true);
		this.writer = writer;
		this.batcher = batcher;
		this.reads = reads;
		// canonical JSON: the same metadata in another key order is the same request
		this.json = json.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
	}

	private <T> T inTransaction(Supplier<T> work) {
		TenantContext.requireTenant();
		return Objects.requireNonNull(transactions.execute(status -> work.get()));
	}

	private <T> T read(Supplier<T> work) {
		TenantContext.requireTenant();
		return Objects.requireNonNull(readOnly.execute(status -> work.get()));
	}

	// ledgers

	@Override
	public LedgerDetails createLedger(CreateLedger command) {
		FieldProblems problems = new FieldProblems();
		if (command.code() == null || !command.code().matches(CODE)) {
			problems.add("code", "api.field.ledger.code");
		}
		name(command.name(), problems);
		List<String> currencies = (command.currencies() != null) ? List.copyOf(command.currencies()) : List.of();
		for (int i = 0; i < currencies.size(); i++) {
			if (!isCurrency(currencies.get(i))) {
				problems.add("currencies[" + i + "]", "api.field.ledger.currency");
			}
		}
		String metadata = Metadata.toJson(json, command.metadata(), problems);
		problems.throwIfAny();
		LedgerId id = new LedgerId(Ids.newId());
		try {
			return inTransaction(() -> {
				jdbc.update(connection -> {
					var ps = connection.prepareStatement("""
							INSERT INTO ledger (tenant_id, ledger_id, code, name, currencies, metadata)
							VALUES (?, ?, ?, ?, ?, ?::jsonb)""");
					ps.setObject(1, TenantContext.requireTenant().value());
					ps.setObject(2, id.value());
					ps.setString(3, command.code());
					ps.setString(4, command.name().strip());
					ps.setArray(5, connection.createArrayOf("text", currencies.toArray()));
					ps.setString(6, metadata);
					return ps;
				});
				return reads.ledger(id).orElseThrow();
			});
		}
		catch (DataIntegrityViolationException ex) {
			if (DataConstraints.violated(ex, "ledger_code_key")) {
				throw new DomainProblem(DomainProblem.Kind.CONFLICT, "ledger_code_taken", command.code());
			}
			throw ex;
		}
	}

	@Override
	public Optional<LedgerDetails> findLedger(LedgerId id) {
		return read(() -> reads.ledger(id));
	}

	@Override
	public List<LedgerDetails> ledgers() {
		return read(reads::ledgers);
	}

	// accounts

	@Override
	public AccountDetails openAccount(CreateAccount command) {
		FieldProblems problems = new FieldProblems();
		if (command.code() == null || command.code().isBlank() || command.code().length() > 64) {
			problems.add("code", "api.field.ledger.account_code");
		}
		name(command.name(), problems);
		if (command.type() == null) {
			problems.add("type", "api.field.required");
		}
		if (!isCurrency(command.currency())) {
			problems.add("currency", "api.field.ledger.currency");
		}
		if (command.category() != null && command.category().length() > 100) {
			problems.add("category", "api.field.name");
		}
		AccountBounds bounds = (command.bounds() != null) ? command.bounds() : AccountBounds.NONE;
		bounds(bounds, problems);
		String metadata = Metadata.toJson(json, command.metadata(), problems);
		problems.throwIfAny();
		Direction normal = (command.normalBalance() != null) ? command.normalBalance() : command.type().normalBalance();
		AccountId id = new AccountId(Ids.newId());
		try {
			return inTransaction(() -> {
				LedgerDetails ledger = reads.ledger(command.ledgerId())
					.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_not_found",
							command.ledgerId().toString()));
				if (!ledger.currencies().isEmpty() && !ledger.currencies().contains(command.currency())) {
					new FieldProblems().add("currency", "api.field.ledger.currency_policy", ledger.currencies())
						.throwIfAny();
				}
				checkParent(command.parentId(), null, ledger.id());
				jdbc.update("""
						INSERT INTO ledger_account (tenant_id, account_id, ledger_id, code, name, type, normal_balance,
						       currency, category, parent_id, metadata, debits_must_not_exceed_credits,
						       credits_must_not_exceed_debits, overdraft_limit)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""",
						TenantContext.requireTenant().value(), id.value(), ledger.id().value(), command.code().strip(),
						command.name().strip(), command.type().value(), normal.value(), command.currency(),
						command.category(), (command.parentId() != null) ? command.parentId().value() : null, metadata,
						bounds.debitsMustNotExceedCredits(), bounds.creditsMustNotExceedDebits(),
						bounds.overdraftLimit());
				return reads.account(id).orElseThrow();
			});
		}
		catch (DataIntegrityViolationException ex) {
			if (DataConstraints.violated(ex, "ledger_account_code_key")) {
				throw new DomainProblem(DomainProblem.Kind.CONFLICT, "ledger_account_code_taken", command.code());
			}
			throw ex;
		}
	}

	private void checkParent(@Nullable AccountId parentId, @Nullable AccountId self, LedgerId ledger) {
		if (parentId == null) {
			return;
		}
		AccountDetails parent = reads.account(parentId).orElse(null);
		if (parent == null || !parent.ledgerId().equals(ledger) || parentId.equals(self)) {
			new FieldProblems().add("parentId", "api.field.ledger.parent").throwIfAny();
		}
	}

	@Override
	public Optional<AccountDetails> findAccount(AccountId id) {
		return read(() -> reads.account(id));
	}

	@Override
	public AccountPage accounts(AccountQuery query) {
		FieldProblems problems = new FieldProblems();
		limit(query.limit(), problems);
		String after = null;
		if (query.cursor() != null) {
			after = LedgerReads.decodeCodeCursor(query.cursor());
			if (after == null) {
				problems.add("cursor", "api.field.cursor");
			}
		}
		if (query.code() != null && (query.code().isEmpty() || query.code().length() > 64)) {
			problems.add("code", "api.field.ledger.account_code");
		}
		if (query.codePrefix() != null && (query.codePrefix().isEmpty() || query.codePrefix().length() > 64)) {
			problems.add("codePrefix", "api.field.ledger.account_code");
		}
		problems.throwIfAny();
		String afterCode = after;
		return read(() -> {
			reads.ledger(query.ledgerId()).orElseThrow(() -> ledgerNotFound(query.ledgerId()));
			return reads.accounts(query, afterCode);
		});
	}

	@Override
	public List<AccountDetails> findAccounts(Collection<AccountId> ids) {
		return read(() -> reads.accounts(Set.copyOf(ids)));
	}

	@Override
	public AccountDetails updateAccount(AccountId id, UnaryOperator<UpdateAccount> change) {
		return inTransaction(() -> {
			AccountDetails current = lockAccount(id);
			UpdateAccount update = change.apply(UpdateAccount.of(current));
			FieldProblems problems = new FieldProblems();
			name(update.name(), problems);
			if (update.category() != null && update.category().length() > 100) {
				problems.add("category", "api.field.name");
			}
			AccountBounds bounds = (update.bounds() != null) ? update.bounds() : AccountBounds.NONE;
			bounds(bounds, problems);
			String metadata = Metadata.toJson(json, update.metadata(), problems);
			problems.throwIfAny();
			checkParent(update.parentId(), id, current.ledgerId());
			jdbc.update("""
					UPDATE ledger_account SET name = ?, category = ?, parent_id = ?, metadata = ?::jsonb,
					       debits_must_not_exceed_credits = ?, credits_must_not_exceed_debits = ?, overdraft_limit = ?,
					       updated_at = now()
					WHERE tenant_id = ? AND account_id = ?""", update.name().strip(), update.category(),
					(update.parentId() != null) ? update.parentId().value() : null, metadata,
					bounds.debitsMustNotExceedCredits(), bounds.creditsMustNotExceedDebits(), bounds.overdraftLimit(),
					TenantContext.requireTenant().value(), id.value());
			return reads.account(id).orElseThrow();
		});
	}

	@Override
	public AccountDetails closeAccount(AccountId id) {
		return inTransaction(() -> {
			lockAccount(id);
			jdbc.update("""
					UPDATE ledger_account SET closed_at = coalesce(closed_at, now()), updated_at = now()
					WHERE tenant_id = ? AND account_id = ?""", TenantContext.requireTenant().value(), id.value());
			return reads.account(id).orElseThrow();
		});
	}

	@Override
	public AccountDetails reopenAccount(AccountId id) {
		return inTransaction(() -> {
			lockAccount(id);
			jdbc.update("""
					UPDATE ledger_account SET closed_at = NULL, updated_at = now()
					WHERE tenant_id = ? AND account_id = ?""", TenantContext.requireTenant().value(), id.value());
			return reads.account(id).orElseThrow();
		});
	}

	private AccountDetails lockAccount(AccountId id) {
		List<Boolean> found = jdbc.queryForList(
				"SELECT true FROM ledger_account WHERE tenant_id = ? AND account_id = ? FOR UPDATE", Boolean.class,
				TenantContext.requireTenant().value(), id.value());
		if (found.isEmpty()) {
			throw accountNotFound(id);
		}
		return reads.account(id).orElseThrow();
	}

	// entries

	@Override
	public EntryResult post(PostEntry command) {
		Plan plan = plan(command, "");
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// inside the caller's transaction the entry commits or rolls back with it, so
			// it
			// cannot share a transaction with other callers' entries
			return single(() -> plan, plan.idempotencyKey());
		}
		EntryWriter.Outcome outcome = batcher.write(TenantContext.requireTenant(), plan,
				plans -> withKeyRetry(() -> inTransaction(() -> writer.write(plans))));
		if (outcome.problem() != null) {
			throw outcome.problem();
		}
		return Objects.requireNonNull(outcome.result());
	}

	@Override
	public BulkResult postBulk(BulkPost command) {
		if (command.entries() == null || command.entries().isEmpty()
				|| command.entries().size() > BulkPost.MAX_ENTRIES) {
			new FieldProblems().add("entries", "api.field.ledger.bulk_size", BulkPost.MAX_ENTRIES).throwIfAny();
		}
		BulkMode mode = (command.mode() != null) ? command.mode() : BulkMode.ATOMIC;
		List<BulkResult.Item> items = new ArrayList<>();
		List<Plan> plans = new ArrayList<>();
		List<Integer> planned = new ArrayList<>();
		for (int i = 0; i < command.entries().size(); i++) {
			try {
				plans.add(plan(command.entries().get(i), "entries[" + i + "]."));
				planned.add(i);
			}
			catch (DomainProblem problem) {
				items.add(new BulkResult.Item(i, null, problem));
			}
		}
		if (mode == BulkMode.ATOMIC && !items.isEmpty()) {
			return new BulkResult(mode, false, items);
		}
		List<EntryWriter.Outcome> outcomes;
		try {
			outcomes = withKeyRetry(() -> inTransaction(() -> {
				List<EntryWriter.Outcome> written = writer.write(plans);
				if (mode == BulkMode.ATOMIC && written.stream().anyMatch(outcome -> outcome.problem() != null)) {
					throw new AtomicRefusal(written);
				}
				return written;
			}));
		}
		catch (AtomicRefusal refusal) {
			outcomes = refusal.outcomes;
		}
		boolean written = mode == BulkMode.INDEPENDENT
				|| outcomes.stream().allMatch(outcome -> outcome.problem() == null);
		for (int i = 0; i < outcomes.size(); i++) {
			EntryWriter.Outcome outcome = outcomes.get(i);
			items.add(new BulkResult.Item(planned.get(i), written ? outcome.result() : null, outcome.problem()));
		}
		items.sort(java.util.Comparator.comparingInt(BulkResult.Item::index));
		return new BulkResult(mode, written, List.copyOf(items));
	}

	/** Rolls an atomic bulk back, carrying what each entry's outcome was. */
	private static final class AtomicRefusal extends RuntimeException {

		final transient List<EntryWriter.Outcome> outcomes;

		AtomicRefusal(List<EntryWriter.Outcome> outcomes) {
			super(null, null, false, false);
			this.outcomes = outcomes;
		}

	}

	@Override
	public EntryResult postPending(PostPending command) {
		FieldProblems problems = new FieldProblems();
		String metadata = Metadata.toJson(json, command.metadata(), problems);
		key(command.idempotencyKey(), problems, "");
		text(command.description(), 1000, "description", problems);
		problems.throwIfAny();
		byte[] hash = hash("post", command);
		return single(() -> {
			Resolution pending = openPending(command.pendingEntryId(), command.idempotencyKey(), hash);
			if (pending.replay != null) {
				return null;
			}
			EntryDetails original = pending.entry;
			if (pending.timeoutAt != null && !pending.timeoutAt.isAfter(Instant.now())) {
				throw new DomainProblem(DomainProblem.Kind.UNPROCESSABLE, "ledger_pending_expired",
						original.id().toString());
			}
			List<PostingDetails> postings = original.postings();
			if (command.amounts() != null && command.amounts().size() != postings.size()) {
				new FieldProblems().add("amounts", "api.field.ledger.amounts", postings.size()).throwIfAny();
			}
			List<Plan.Line> lines = new ArrayList<>();
			FieldProblems amounts = new FieldProblems();
			for (int i = 0; i < postings.size(); i++) {
				PostingDetails posting = postings.get(i);
				long amount = (command.amounts() != null) ? command.amounts().get(i) : posting.pendingAmount();
				if (amount < 0 || amount > posting.pendingAmount()) {
					amounts.add("amounts[" + i + "]", "api.field.ledger.partial_amount", posting.pendingAmount());
				}
				lines.add(new Plan.Line(posting.accountId(), posting.direction(), amount, -posting.pendingAmount(),
						null));
			}
			amounts.throwIfAny();
			Instant effectiveAt = effectiveNotBefore(command.effectiveAt(), original);
			return new Plan(original.ledgerId(), EntryKind.POST_PENDING, lines, effectiveAt, null, original.id(), null,
					false, command.description(), original.externalReference(), metadata, command.idempotencyKey(),
					hash, List.of(), cause());
		}, command.idempotencyKey());
	}

	@Override
	public EntryResult voidPending(VoidPending command) {
		FieldProblems problems = new FieldProblems();
		String metadata = Metadata.toJson(json, command.metadata(), problems);
		key(command.idempotencyKey(), problems, "");
		text(command.description(), 1000, "description", problems);
		problems.throwIfAny();
		byte[] hash = hash("void", command);
		return single(() -> voidPlan(command.pendingEntryId(), command.description(), metadata,
				command.idempotencyKey(), hash, false), command.idempotencyKey());
	}

	/**
	 * Voids a pending entry whose timeout passed; called by the timeout sweep. False when
	 * it was resolved meanwhile; any other refusal is thrown, for the sweep to record.
	 */
	boolean voidExpired(EntryId pendingEntry) {
		try {
			single(() -> voidPlan(pendingEntry, null, "{}", null, new byte[0], true), null);
			return true;
		}
		catch (DomainProblem problem) {
			if ("ledger_pending_resolved".equals(problem.code())) {
				return false;
			}
			throw problem;
		}
	}

	private @Nullable Plan voidPlan(EntryId pendingEntry, @Nullable String description, String metadata,
			@Nullable String key, byte[] hash, boolean timedOut) {
		Resolution pending = openPending(pendingEntry, key, hash);
		if (pending.replay != null) {
			return null;
		}
		EntryDetails original = pending.entry;
		List<Plan.Line> lines = original.postings()
			.stream()
			.map(posting -> new Plan.Line(posting.accountId(), posting.direction(), 0, -posting.pendingAmount(), null))
			.toList();
		return new Plan(original.ledgerId(), EntryKind.VOID_PENDING, lines, effectiveNotBefore(null, original), null,
				original.id(), null, timedOut, description, original.externalReference(), metadata, key, hash,
				List.of(), cause());
	}

	@Override
	public EntryResult reverse(ReverseEntry command) {
		FieldProblems problems = new FieldProblems();
		String metadata = Metadata.toJson(json, command.metadata(), problems);
		key(command.idempotencyKey(), problems, "");
		text(command.description(), 1000, "description", problems);
		problems.throwIfAny();
		byte[] hash = hash("reverse", command);
		return single(() -> {
			if (replayable(command.idempotencyKey(), hash)) {
				return null;
			}
			EntryDetails original = reads.entry(command.entryId()).orElseThrow(() -> entryNotFound(command.entryId()));
			if (original.kind() == EntryKind.PENDING || original.kind() == EntryKind.VOID_PENDING) {
				throw new DomainProblem(DomainProblem.Kind.UNPROCESSABLE, "ledger_entry_not_reversible",
						original.id().toString());
			}
			if (original.status() == EntryStatus.REVERSED) {
				throw new DomainProblem(DomainProblem.Kind.CONFLICT, "ledger_entry_already_reversed",
						original.id().toString());
			}
			List<Plan.Line> lines = original.postings()
				.stream()
				.filter(posting -> posting.postedAmount() > 0)
				.map(posting -> new Plan.Line(posting.accountId(), posting.direction().opposite(),
						posting.postedAmount(), 0, null))
				.toList();
			return new Plan(original.ledgerId(), EntryKind.STANDARD, lines, command.effectiveAt(), null, null,
					original.id(), false, command.description(), original.externalReference(), metadata,
					command.idempotencyKey(), hash, List.of(), cause());
		}, command.idempotencyKey());
	}

	private record Resolution(@Nullable EntryDetails entry, @Nullable Instant timeoutAt, @Nullable Object replay) {
	}

	/**
	 * The pending entry, its row in the open list locked (one resolution at a time), or a
	 * marker that the idempotency key names an entry written before.
	 */
	private Resolution openPending(EntryId id, @Nullable String key, byte[] hash) {
		if (replayable(key, hash)) {
			return new Resolution(null, null, Boolean.TRUE);
		}
		List<Instant> open = jdbc.query(
				"SELECT timeout_at FROM ledger_pending WHERE tenant_id = ? AND entry_id = ? FOR UPDATE",
				(rs, n) -> LedgerReads.nullableInstant(rs, 1), TenantContext.requireTenant().value(), id.value());
		EntryDetails entry = reads.entry(id).orElseThrow(() -> entryNotFound(id));
		if (entry.kind() != EntryKind.PENDING) {
			throw new DomainProblem(DomainProblem.Kind.UNPROCESSABLE, "ledger_not_pending", id.toString());
		}
		if (open.isEmpty()) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "ledger_pending_resolved", id.toString(),
					entry.status().value());
		}
		return new Resolution(entry, open.get(0), null);
	}

	/** Whether an entry with this key exists; refuses the key if that entry differs. */
	private boolean replayable(@Nullable String key, byte[] hash) {
		if (key == null) {
			return false;
		}
		List<byte[]> hashes = jdbc.query(
				"SELECT request_hash FROM ledger_entry WHERE tenant_id = ? AND idempotency_key = ?",
				(rs, n) -> rs.getBytes(1), TenantContext.requireTenant().value(), key);
		if (hashes.isEmpty()) {
			return false;
		}
		if (!java.util.Arrays.equals(hashes.get(0), hash)) {
			throw new DomainProblem(DomainProblem.Kind.UNPROCESSABLE, "ledger_idempotency_key_reused", List.of(key),
					List.of(), Map.of("idempotencyKey", key));
		}
		return true;
	}

	private static Instant effectiveNotBefore(@Nullable Instant requested, EntryDetails original) {
		Instant at = (requested != null) ? requested : Instant.now();
		return at.isBefore(original.effectiveAt()) ? original.effectiveAt() : at;
	}

	/**
	 * One entry in a transaction of its own. The plan is made inside it (a second phase
	 * reads the pending entry there); a null plan means the idempotency key names an
	 * entry written before, which is replayed.
	 */
	private EntryResult single(Supplier<@Nullable Plan> planner, @Nullable String key) {
		return withKeyRetry(() -> inTransaction(() -> {
			Plan plan = planner.get();
			if (plan == null) {
				return writer.replay(Objects.requireNonNull(key));
			}
			EntryWriter.Outcome outcome = writer.write(List.of(plan)).get(0);
			if (outcome.problem() != null) {
				throw outcome.problem();
			}
			return Objects.requireNonNull(outcome.result());
		}));
	}

	/**
	 * Runs a write; if a concurrent writer committed an entry with the same idempotency
	 * key first (the unique index refused ours), runs it again, which then finds that
	 * entry. A null result is a replay of the entry with the key.
	 */
	private <T> T withKeyRetry(Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				return work.get();
			}
			catch (DataIntegrityViolationException ex) {
				if (DataConstraints.violated(ex, "ledger_entry_resolves_once")) {
					throw new DomainProblem(DomainProblem.Kind.CONFLICT, "ledger_pending_resolved", "", "");
				}
				if (DataConstraints.violated(ex, "ledger_entry_reversed_once")) {
					throw new DomainProblem(DomainProblem.Kind.CONFLICT, "ledger_entry_already_reversed", "");
				}
				if (!DataConstraints.violated(ex, "ledger_entry_idempotency_key") || attempt >= 3) {
					throw ex;
				}
			}
		}
	}

	@Override
	public Optional<EntryDetails> findEntry(EntryId id) {
		return read(() -> reads.entry(id));
	}

	@Override
	public EntryPage entries(EntryQuery query) {
		long[] after = checkQuery(query, LedgerReads.cursorKind(query, false));
		return read(() -> {
			reads.ledger(query.ledgerId()).orElseThrow(() -> ledgerNotFound(query.ledgerId()));
			return reads.entries(query, after);
		});
	}

	@Override
	public PostingPage postings(EntryQuery query) {
		long[] after = checkQuery(query, LedgerReads.cursorKind(query, true));
		return read(() -> {
			reads.ledger(query.ledgerId()).orElseThrow(() -> ledgerNotFound(query.ledgerId()));
			return reads.postings(query, after);
		});
	}

	private static long @Nullable [] checkQuery(EntryQuery query, String kind) {
		FieldProblems problems = new FieldProblems();
		limit(query.limit(), problems);
		long[] after = null;
		if (query.cursor() != null) {
			after = LedgerReads.decodeCursor(kind, query.cursor());
			if (after == null) {
				problems.add("cursor", "api.field.cursor");
			}
		}
		problems.throwIfAny();
		return after;
	}

	/** Entries, postings and accounts share their page sizes. */
	private static void limit(int limit, FieldProblems problems) {
		if (limit < 1 || limit > EntryQuery.MAX_LIMIT) {
			problems.add("limit", "api.field.limit", EntryQuery.MAX_LIMIT);
		}
	}

	// balances

	@Override
	public Balance balance(AccountId account) {
		return read(() -> reads.balance(account).orElseThrow(() -> accountNotFound(account)));
	}

	@Override
	public Balance balanceAsOf(AccountId account, Instant at, TimeAxis axis) {
		return read(() -> reads.balanceAsOf(account, at, axis).orElseThrow(() -> accountNotFound(account)));
	}

	@Override
	public Balance balanceIn(LedgerId ledger, AccountId account, @Nullable Instant at, TimeAxis axis) {
		return read(() -> reads.balanceIn(ledger, account, at, axis).orElseThrow(() -> accountNotFound(account)));
	}

	// periods

	@Override
	public PeriodDetails createPeriod(CreatePeriod command) {
		FieldProblems problems = new FieldProblems();
		if (command.name() == null || command.name().isBlank() || command.name().length() > 100) {
			problems.add("name", "api.field.name");
		}
		if (command.startsAt() == null) {
			problems.add("startsAt", "api.field.required");
		}
		if (command.endsAt() == null) {
			problems.add("endsAt", "api.field.required");
		}
		else if (command.startsAt() != null && !command.startsAt().isBefore(command.endsAt())) {
			problems.add("endsAt", "api.field.ledger.period_range");
		}
		problems.throwIfAny();
		PeriodId id = new PeriodId(Ids.newId());
		return inTransaction(() -> {
			lockPeriods(command.ledgerId());
			Integer overlapping = jdbc.queryForObject("""
					SELECT count(*) FROM ledger_period
					WHERE tenant_id = ? AND ledger_id = ? AND starts_at < ? AND ? < ends_at""", Integer.class,
					TenantContext.requireTenant().value(), command.ledgerId().value(),
					EntryWriter.utc(command.endsAt()), EntryWriter.utc(command.startsAt()));
			if (overlapping != null && overlapping > 0) {
				throw new DomainProblem(DomainProblem.Kind.CONFLICT, "ledger_period_overlaps");
			}
			jdbc.update("""
					INSERT INTO ledger_period (tenant_id, period_id, ledger_id, name, starts_at, ends_at, status)
					VALUES (?, ?, ?, ?, ?, ?, 'open')""", TenantContext.requireTenant().value(), id.value(),
					command.ledgerId().value(), command.name().strip(), EntryWriter.utc(command.startsAt()),
					EntryWriter.utc(command.endsAt()));
			return reads.period(id).orElseThrow();
		});
	}

	@Override
	public List<PeriodDetails> periods(LedgerId ledger) {
		return read(() -> {
			reads.ledger(ledger).orElseThrow(() -> ledgerNotFound(ledger));
			return reads.periods(ledger);
		});
	}

	@Override
	public PeriodDetails closePeriod(PeriodId id) {
		return changePeriod(id, true);
	}

	@Override
	public PeriodDetails reopenPeriod(PeriodId id) {
		return changePeriod(id, false);
	}

	private PeriodDetails changePeriod(PeriodId id, boolean close) {
		return inTransaction(() -> {
			PeriodDetails period = reads.period(id)
				.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_period_not_found",
						id.toString()));
			// waits for writers that checked the periods before: none is still in flight
			// after
			lockPeriods(period.ledgerId());
			String actor = TenantContext.current().map(TenantContext.Scope::actor).orElse("system");
			jdbc.update("""
					UPDATE ledger_period SET status = ?, closed_at = ?, closed_by = ?
					WHERE tenant_id = ? AND period_id = ?""", close ? "closed" : "open",
					close ? EntryWriter.utc(Instant.now()) : null, close ? actor : null,
					TenantContext.requireTenant().value(), id.value());
			return reads.period(id).orElseThrow();
		});
	}

	private void lockPeriods(LedgerId ledger) {
		reads.ledger(ledger).orElseThrow(() -> ledgerNotFound(ledger));
		jdbc.queryForObject("SELECT pg_advisory_xact_lock(?) IS NULL", Boolean.class,
				EntryWriter.periodLockKey(ledger.value()));
	}

	// commands to plans

	private Plan plan(PostEntry command, String prefix) {
		FieldProblems problems = new FieldProblems();
		if (command.ledgerId() == null) {
			problems.add(prefix + "ledgerId", "api.field.required");
		}
		List<PostingLine> postings = (command.postings() != null) ? command.postings() : List.of();
		if (postings.size() < 2 || postings.size() > 100) {
			problems.add(prefix + "postings", "api.field.ledger.postings", 2, 100);
		}
		Set<AccountId> seen = new HashSet<>();
		for (int i = 0; i < postings.size(); i++) {
			PostingLine line = postings.get(i);
			String field = prefix + "postings[" + i + "].";
			if (line == null || line.accountId() == null) {
				problems.add(field + "accountId", "api.field.required");
				continue;
			}
			if (!seen.add(line.accountId())) {
				problems.add(field + "accountId", "api.field.ledger.account_repeated");
			}
			if (line.direction() == null) {
				problems.add(field + "direction", "api.field.required");
			}
			if (line.amount() <= 0) {
				problems.add(field + "amount", "api.field.ledger.amount");
			}
			if (line.currency() != null && !isCurrency(line.currency())) {
				problems.add(field + "currency", "api.field.ledger.currency");
			}
		}
		Long timeout = null;
		if (command.timeout() != null) {
			if (!command.pending()) {
				problems.add(prefix + "timeout", "api.field.ledger.timeout_pending_only");
			}
			else if (command.timeout().isNegative() || command.timeout().isZero()
					|| command.timeout().compareTo(Duration.ofDays(366)) > 0) {
				problems.add(prefix + "timeout", "api.field.ledger.timeout");
			}
			else {
				timeout = Math.max(1, command.timeout().toSeconds());
			}
		}
		text(command.description(), 1000, prefix + "description", problems);
		text(command.externalReference(), 200, prefix + "externalReference", problems);
		key(command.idempotencyKey(), problems, prefix);
		String metadata = Metadata.toJson(json, command.metadata(), problems);
		List<EntryCondition> conditions = (command.conditions() != null) ? command.conditions() : List.of();
		for (int i = 0; i < conditions.size(); i++) {
			if (conditions.get(i) == null || conditions.get(i).accountId() == null) {
				problems.add(prefix + "conditions[" + i + "].accountId", "api.field.required");
			}
		}
		problems.throwIfAny();
		long sign = command.pending() ? 0 : 1;
		List<Plan.Line> lines = postings.stream()
			.map(line -> new Plan.Line(line.accountId(), line.direction(), line.amount() * sign,
					line.amount() * (1 - sign), (line.currency() != null) ? line.currency() : null))
			.toList();
		return new Plan(command.ledgerId(), command.pending() ? EntryKind.PENDING : EntryKind.STANDARD, lines,
				command.effectiveAt(), timeout, null, null, false, command.description(), command.externalReference(),
				metadata, command.idempotencyKey(), hash("entry", command), conditions, cause());
	}

	private static EventMetadata cause() {
		return EventMetadata.capture(TenantContext.requireTenant());
	}

	private byte[] hash(String kind, Object command) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(kind.getBytes(StandardCharsets.UTF_8));
			return digest.digest(json.writeValueAsBytes(command));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void name(@Nullable String name, FieldProblems problems) {
		if (name == null || name.isBlank() || name.strip().length() > 200) {
			problems.add("name", "api.field.name");
		}
	}

	private static void text(@Nullable String value, int max, String field, FieldProblems problems) {
		if (value != null && value.length() > max) {
			problems.add(field, "api.field.ledger.text", max);
		}
	}

	private static void key(@Nullable String key, FieldProblems problems, String prefix) {
		if (key != null && !key.matches("[\\x21-\\x7E]{1,255}")) {
			problems.add(prefix + "idempotencyKey", "api.field.ledger.idempotency_key");
		}
	}

	private static void bounds(AccountBounds bounds, FieldProblems problems) {
		if (bounds.debitsMustNotExceedCredits() && bounds.creditsMustNotExceedDebits()) {
			problems.add("bounds", "api.field.ledger.bounds");
		}
		if (bounds.overdraftLimit() != null && bounds.overdraftLimit() < 0) {
			problems.add("bounds.overdraftLimit", "api.field.ledger.overdraft");
		}
	}

	/**
	 * ISO 4217 codes with a minor unit; those without one (exponent -1: gold, SDR, the
	 * testing code) are refused, since amounts are integers of the minor unit.
	 */
	static boolean isCurrency(@Nullable String code) {
		if (code == null || !code.matches("[A-Z]{3}")) {
			return false;
		}
		try {
			return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static DomainProblem ledgerNotFound(LedgerId id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_not_found", id.toString());
	}

	static DomainProblem accountNotFound(AccountId id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_account_not_found", id.toString());
	}

	static DomainProblem entryNotFound(EntryId id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_entry_not_found", id.toString());
	}

}
