package io.octavia.core.api.ledger;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.JsonMergePatch;
import io.octavia.core.api.Problems;
import io.octavia.core.api.ledger.LedgerRequests.AccountRequest;
import io.octavia.core.api.ledger.LedgerRequests.AccountSettingsRequest;
import io.octavia.core.api.ledger.LedgerRequests.BulkRequest;
import io.octavia.core.api.ledger.LedgerRequests.EntryRequest;
import io.octavia.core.api.ledger.LedgerRequests.LedgerRequest;
import io.octavia.core.api.ledger.LedgerRequests.PeriodRequest;
import io.octavia.core.api.ledger.LedgerRequests.PostPendingRequest;
import io.octavia.core.api.ledger.LedgerRequests.ReversalRequest;
import io.octavia.core.api.ledger.LedgerRequests.VoidRequest;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.ledger.AccountDetails;
import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.AccountPage;
import io.octavia.core.ledger.AccountQuery;
import io.octavia.core.ledger.AccountType;
import io.octavia.core.ledger.Balance;
import io.octavia.core.ledger.BulkMode;
import io.octavia.core.ledger.BulkPost;
import io.octavia.core.ledger.BulkResult;
import io.octavia.core.ledger.EntryDetails;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.ledger.EntryPage;
import io.octavia.core.ledger.EntryQuery;
import io.octavia.core.ledger.EntryResult;
import io.octavia.core.ledger.LedgerDetails;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerManagement;
import io.octavia.core.ledger.PeriodDetails;
import io.octavia.core.ledger.PeriodId;
import io.octavia.core.ledger.PostPending;
import io.octavia.core.ledger.PostingPage;
import io.octavia.core.ledger.ReverseEntry;
import io.octavia.core.ledger.TimeAxis;
import io.octavia.core.ledger.VoidPending;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.web.RequiresPermission;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenant's ledgers: accounts, entries (single, bulk, two-phase, reversals), balances
 * on either time axis, listings and accounting periods. Authorities {@code ledger:read},
 * {@code ledger:write} and {@code ledger:admin} (ledgers and periods). Every POST honours
 * {@code Idempotency-Key}; for entries the key is also stored on the entry itself, so a
 * retry can never write twice. Every write returns the touched accounts' new balances.
 */
@RestController
@RequestMapping("/api/v1/ledgers")
@Tag(name = "Ledger", description = "Double-entry ledger: accounts, entries, balances, periods")
class LedgersController {

	static final String READ = RolePermissions.LEDGER_READ;

	static final String WRITE = RolePermissions.LEDGER_WRITE;

	static final String ADMIN = RolePermissions.LEDGER_ADMIN;

	static final String KEY = "Idempotency-Key";

	private final LedgerManagement ledger;

	private final JsonMergePatch mergePatch;

	private final Problems problems;

	private final JsonMapper json;

	LedgersController(LedgerManagement ledger, JsonMergePatch mergePatch, Problems problems, JsonMapper json) {
		this.ledger = ledger;
		this.mergePatch = mergePatch;
		this.problems = problems;
		this.json = json;
	}

	/**
	 * One entry of a bulk: its result, or the problem it was refused with (as in a
	 * problem document: status, title, detail, code and the problem's properties).
	 */
	record BulkItemResponse(int index, @Nullable EntryResult result, @Nullable Map<String, Object> problem) {
	}

	record BulkResponse(BulkMode mode, List<BulkItemResponse> items) {
	}

	// ledgers

	@RequiresPermission(ADMIN)
	@PostMapping
	@Operation(summary = "Create a ledger",
			description = "A code unique in the tenant and a currency policy (the currencies its accounts may use; "
					+ "empty for any). A taken code is 409 ledger_code_taken.")
	ResponseEntity<LedgerDetails> create(@RequestBody LedgerRequest request) {
		LedgerDetails created = ledger.createLedger(request.toCommand());
		return ResponseEntity.created(URI.create("/api/v1/ledgers/" + created.id())).body(created);
	}

	@RequiresPermission(READ)
	@GetMapping
	@Operation(summary = "List the tenant's ledgers")
	List<LedgerDetails> list() {
		return ledger.ledgers();
	}

	@RequiresPermission(READ)
	@GetMapping("/{ledgerId}")
	@Operation(summary = "Get a ledger")
	LedgerDetails get(@PathVariable LedgerId ledgerId) {
		return ledger.findLedger(ledgerId).orElseThrow(() -> notFound("ledger_not_found", ledgerId));
	}

	// accounts

	@RequiresPermission(WRITE)
	@PostMapping("/{ledgerId}/accounts")
	@Operation(summary = "Open an account",
			description = "Type asset, liability, equity, revenue or expense; the normal balance defaults to the "
					+ "type's. Currency: ISO 4217 with a minor unit, allowed by the ledger's policy. Bounds: "
					+ "debitsMustNotExceedCredits, creditsMustNotExceedDebits or an overdraftLimit (minor units).")
	ResponseEntity<AccountDetails> open(@PathVariable LedgerId ledgerId, @RequestBody AccountRequest request) {
		AccountDetails account = ledger.openAccount(request.toCommand(ledgerId));
		return ResponseEntity.created(URI.create("/api/v1/ledgers/" + ledgerId + "/accounts/" + account.id()))
			.body(account);
	}

	@RequiresPermission(READ)
	@GetMapping("/{ledgerId}/accounts")
	@Operation(summary = "List a ledger's accounts with their balances",
			description = "By code, a page at a time (nextCursor). Filters: type, status (open or closed), category, "
					+ "parentId (direct children), currency, code (exact) and codePrefix; all given must hold.")
	AccountPage accounts(@PathVariable LedgerId ledgerId,
			@Parameter(description = "asset, liability, equity, revenue or expense",
					schema = @Schema(
							allowableValues = { "asset", "liability", "equity", "revenue", "expense" })) @RequestParam(
									required = false) @Nullable String type,
			@Parameter(description = "open or closed",
					schema = @Schema(allowableValues = { "open", "closed" })) @RequestParam(
							required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable AccountId parentId,
			@RequestParam(required = false) @Nullable String currency,
			@RequestParam(required = false) @Nullable String code,
			@Parameter(description = "the code starts with this text (case-sensitive)") @RequestParam(
					required = false) @Nullable String codePrefix,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "" + AccountQuery.DEFAULT_LIMIT) int limit) {
		return ledger.accounts(
				accountQuery(ledgerId, type, status, category, parentId, currency, code, codePrefix, cursor, limit));
	}

	/** The account listing's query parameters, here and for operators. */
	static AccountQuery accountQuery(LedgerId ledgerId, @Nullable String type, @Nullable String status,
			@Nullable String category, @Nullable AccountId parentId, @Nullable String currency, @Nullable String code,
			@Nullable String codePrefix, @Nullable String cursor, int limit) {
		AccountType accountType = null;
		if (type != null) {
			try {
				accountType = AccountType.of(type.strip());
			}
			catch (IllegalArgumentException ex) {
				throw field("type", "api.field.ledger.account_type");
			}
		}
		Boolean closed = null;
		if (status != null) {
			closed = switch (status.strip()) {
				case "open" -> false;
				case "closed" -> true;
				default -> throw field("status", "api.field.ledger.account_status");
			};
		}
		return new AccountQuery(ledgerId, accountType, closed, category, parentId, currency, code, codePrefix, cursor,
				limit);
	}

	@RequiresPermission(READ)
	@GetMapping("/{ledgerId}/accounts/{accountId}")
	@Operation(summary = "Get an account with its balance")
	AccountDetails account(@PathVariable LedgerId ledgerId, @PathVariable AccountId accountId) {
		return accountIn(ledgerId, accountId);
	}

	@RequiresPermission(WRITE)
	@PatchMapping(path = "/{ledgerId}/accounts/{accountId}",
			consumes = { JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Change an account",
			description = "JSON Merge Patch of name, category, parentId, metadata and bounds. Ledger, type, normal "
					+ "balance and currency never change. Accounts are never deleted: close them.")
	AccountDetails update(@PathVariable LedgerId ledgerId, @PathVariable AccountId accountId,
			@RequestBody JsonNode patch) {
		accountIn(ledgerId, accountId);
		return ledger.updateAccount(accountId,
				current -> mergePatch.apply(AccountSettingsRequest.of(current), patch, AccountSettingsRequest.class)
					.toCommand());
	}

	@RequiresPermission(WRITE)
	@PostMapping("/{ledgerId}/accounts/{accountId}/closure")
	@Operation(summary = "Close an account",
			description = "It takes no new postings (422 ledger_account_closed); pending entries on it may still "
					+ "be voided. Its history stays.")
	AccountDetails close(@PathVariable LedgerId ledgerId, @PathVariable AccountId accountId) {
		accountIn(ledgerId, accountId);
		return ledger.closeAccount(accountId);
	}

	@RequiresPermission(WRITE)
	@DeleteMapping("/{ledgerId}/accounts/{accountId}/closure")
	@Operation(summary = "Reopen a closed account")
	AccountDetails reopen(@PathVariable LedgerId ledgerId, @PathVariable AccountId accountId) {
		accountIn(ledgerId, accountId);
		return ledger.reopenAccount(accountId);
	}

	@RequiresPermission(READ)
	@GetMapping("/{ledgerId}/accounts/{accountId}/balance")
	@Operation(summary = "Get an account's balance, now or as of a time",
			description = "posted, pending and available in minor units, signed to the account's normal side. "
					+ "With asOf: the balance after the account's last posting at or before that time on the chosen "
					+ "axis (effective: business time, back-dated entries included; recorded: when the ledger "
					+ "learnt of it).")
	Balance balance(@PathVariable LedgerId ledgerId, @PathVariable AccountId accountId,
			@Parameter(description = "ISO-8601 instant; omit for the current balance") @RequestParam(
					required = false) @Nullable Instant asOf,
			@Parameter(description = "effective (default) or recorded") @RequestParam(
					defaultValue = "effective") String axis) {
		return ledger.balanceIn(ledgerId, accountId, asOf, axis(axis));
	}

	// entries

	@RequiresPermission(WRITE)
	@PostMapping("/{ledgerId}/entries")
	@Operation(summary = "Post an entry",
			description = "Two or more postings that balance per currency; pending=true reserves only (two-phase, "
					+ "optional timeoutSeconds). Conditions (lockVersion, availableAtLeast) are checked with the "
					+ "accounts locked. Returns the entry and the touched accounts' new balances.")
	ResponseEntity<EntryResult> post(@PathVariable LedgerId ledgerId, @RequestBody EntryRequest request,
			@RequestHeader(name = KEY, required = false) @Nullable String key) {
		return written(ledgerId, ledger.post(request.toCommand(ledgerId, key)));
	}

	@RequiresPermission(WRITE)
	@PostMapping("/{ledgerId}/entries/bulk")
	@Operation(summary = "Post up to 1,000 entries",
			description = "mode atomic (default): all or nothing; if any entry is refused nothing is written and "
					+ "the answer is 422 ledger_bulk_refused listing each refused entry's index and problem. mode "
					+ "independent: each entry on its own; the answer lists each one's result or problem. Per-entry "
					+ "idempotencyKey makes retries safe.")
	ResponseEntity<?> bulk(@PathVariable LedgerId ledgerId, @RequestBody BulkRequest request) {
		List<EntryRequest> entries = (request.entries() != null) ? request.entries() : List.of();
		BulkResult result = ledger.postBulk(
				new BulkPost(entries.stream().map(entry -> entry.toCommand(ledgerId, null)).toList(), request.mode()));
		List<BulkItemResponse> items = result.items()
			.stream()
			.map(item -> new BulkItemResponse(item.index(), item.result(),
					(item.problem() != null) ? problem(item.problem()) : null))
			.toList();
		if (!result.written()) {
			List<BulkItemResponse> refused = items.stream().filter(item -> item.problem() != null).toList();
			ProblemDetail problem = problems.of(422, "ledger_bulk_refused", refused.size());
			problem.setProperty("errors", refused);
			return ResponseEntity.unprocessableContent().contentType(Problems.PROBLEM_JSON).body(problem);
		}
		return ResponseEntity.ok(new BulkResponse(result.mode(), items));
	}

	@RequiresPermission(READ)
	@GetMapping("/{ledgerId}/entries")
	@Operation(summary = "List entries",
			description = "Newest first, a page at a time (nextCursor). Filters: account, effective or recorded time "
					+ "range ([from, to)), external reference, metadata (a JSON object the entry's metadata contains).")
	EntryPage entries(@PathVariable LedgerId ledgerId, @RequestParam(required = false) @Nullable AccountId accountId,
			@RequestParam(required = false) @Nullable Instant effectiveFrom,
			@RequestParam(required = false) @Nullable Instant effectiveTo,
			@RequestParam(required = false) @Nullable Instant recordedFrom,
			@RequestParam(required = false) @Nullable Instant recordedTo,
			@RequestParam(required = false) @Nullable String externalReference,
			@Parameter(description = "JSON object, e.g. {\"order\":\"A-1\"}") @RequestParam(
					required = false) @Nullable String metadata,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "" + EntryQuery.DEFAULT_LIMIT) int limit) {
		return ledger.entries(new EntryQuery(ledgerId, accountId, effectiveFrom, effectiveTo, recordedFrom, recordedTo,
				externalReference, metadata(metadata), cursor, limit));
	}

	@RequiresPermission(READ)
	@GetMapping("/{ledgerId}/postings")
	@Operation(summary = "List postings",
			description = "Newest first, a page at a time; same filters as the entries. Each posting carries the "
					+ "account's balance right after it.")
	PostingPage postings(@PathVariable LedgerId ledgerId, @RequestParam(required = false) @Nullable AccountId accountId,
			@RequestParam(required = false) @Nullable Instant effectiveFrom,
			@RequestParam(required = false) @Nullable Instant effectiveTo,
			@RequestParam(required = false) @Nullable Instant recordedFrom,
			@RequestParam(required = false) @Nullable Instant recordedTo,
			@RequestParam(required = false) @Nullable String externalReference,
			@RequestParam(required = false) @Nullable String metadata,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "" + EntryQuery.DEFAULT_LIMIT) int limit) {
		return ledger.postings(new EntryQuery(ledgerId, accountId, effectiveFrom, effectiveTo, recordedFrom, recordedTo,
				externalReference, metadata(metadata), cursor, limit));
	}

	@RequiresPermission(READ)
	@GetMapping("/{ledgerId}/entries/{entryId}")
	@Operation(summary = "Get an entry with its postings")
	EntryDetails entry(@PathVariable LedgerId ledgerId, @PathVariable EntryId entryId) {
		return entryIn(ledgerId, entryId);
	}

	@RequiresPermission(WRITE)
	@PostMapping("/{ledgerId}/entries/{entryId}/post")
	@Operation(summary = "Post a pending entry, fully or in part",
			description = "amounts: per posting, between 0 and the reserved amount, balanced; what is not posted is "
					+ "released. 409 ledger_pending_resolved if it was posted or voided already.")
	ResponseEntity<EntryResult> postPending(@PathVariable LedgerId ledgerId, @PathVariable EntryId entryId,
			@RequestBody(required = false) @Nullable PostPendingRequest request,
			@RequestHeader(name = KEY, required = false) @Nullable String key) {
		entryIn(ledgerId, entryId);
		PostPendingRequest body = (request != null) ? request : new PostPendingRequest(null, null, null, null);
		return written(ledgerId, ledger.postPending(new PostPending(entryId, body.amounts(), body.effectiveAt(),
				body.description(), body.metadata(), key)));
	}

	@RequiresPermission(WRITE)
	@PostMapping("/{ledgerId}/entries/{entryId}/void")
	@Operation(summary = "Void a pending entry", description = "Releases the reserved amounts.")
	ResponseEntity<EntryResult> voidPending(@PathVariable LedgerId ledgerId, @PathVariable EntryId entryId,
			@RequestBody(required = false) @Nullable VoidRequest request,
			@RequestHeader(name = KEY, required = false) @Nullable String key) {
		entryIn(ledgerId, entryId);
		VoidRequest body = (request != null) ? request : new VoidRequest(null, null);
		return written(ledgerId,
				ledger.voidPending(new VoidPending(entryId, body.description(), body.metadata(), key)));
	}

	@RequiresPermission(WRITE)
	@PostMapping("/{ledgerId}/entries/{entryId}/reversal")
	@Operation(summary = "Reverse an entry",
			description = "Writes the entry that negates it (each posting on the other side). Once per entry: 409 "
					+ "ledger_entry_already_reversed.")
	ResponseEntity<EntryResult> reverse(@PathVariable LedgerId ledgerId, @PathVariable EntryId entryId,
			@RequestBody(required = false) @Nullable ReversalRequest request,
			@RequestHeader(name = KEY, required = false) @Nullable String key) {
		entryIn(ledgerId, entryId);
		ReversalRequest body = (request != null) ? request : new ReversalRequest(null, null, null);
		return written(ledgerId, ledger
			.reverse(new ReverseEntry(entryId, body.effectiveAt(), body.description(), body.metadata(), key)));
	}

	// periods

	@RequiresPermission(ADMIN)
	@PostMapping("/{ledgerId}/periods")
	@Operation(summary = "Define an accounting period", description = "[startsAt, endsAt); periods do not overlap.")
	ResponseEntity<PeriodDetails> createPeriod(@PathVariable LedgerId ledgerId, @RequestBody PeriodRequest request) {
		PeriodDetails period = ledger.createPeriod(request.toCommand(ledgerId));
		return ResponseEntity.created(URI.create("/api/v1/ledgers/" + ledgerId + "/periods/" + period.id()))
			.body(period);
	}

	@RequiresPermission(READ)
	@GetMapping("/{ledgerId}/periods")
	@Operation(summary = "List a ledger's accounting periods")
	List<PeriodDetails> periods(@PathVariable LedgerId ledgerId) {
		return ledger.periods(ledgerId);
	}

	@RequiresPermission(ADMIN)
	@PostMapping("/{ledgerId}/periods/{periodId}/closure")
	@Operation(summary = "Close a period",
			description = "Entries effective inside it are refused from now on (422 ledger_period_closed).")
	PeriodDetails closePeriod(@PathVariable LedgerId ledgerId, @PathVariable PeriodId periodId) {
		periodIn(ledgerId, periodId);
		return ledger.closePeriod(periodId);
	}

	@RequiresPermission(ADMIN)
	@DeleteMapping("/{ledgerId}/periods/{periodId}/closure")
	@Operation(summary = "Reopen a closed period", description = "Needs ledger:admin.")
	PeriodDetails reopenPeriod(@PathVariable LedgerId ledgerId, @PathVariable PeriodId periodId) {
		periodIn(ledgerId, periodId);
		return ledger.reopenPeriod(periodId);
	}

	// helpers

	private static ResponseEntity<EntryResult> written(LedgerId ledgerId, EntryResult result) {
		URI location = URI.create("/api/v1/ledgers/" + ledgerId + "/entries/" + result.entry().id());
		return result.replayed() ? ResponseEntity.ok().location(location).body(result)
				: ResponseEntity.created(location).body(result);
	}

	private AccountDetails accountIn(LedgerId ledgerId, AccountId accountId) {
		return ledger.findAccount(accountId)
			.filter(account -> account.ledgerId().equals(ledgerId))
			.orElseThrow(() -> notFound("ledger_account_not_found", accountId));
	}

	private EntryDetails entryIn(LedgerId ledgerId, EntryId entryId) {
		return ledger.findEntry(entryId)
			.filter(entry -> entry.ledgerId().equals(ledgerId))
			.orElseThrow(() -> notFound("ledger_entry_not_found", entryId));
	}

	private void periodIn(LedgerId ledgerId, PeriodId periodId) {
		if (ledger.periods(ledgerId).stream().noneMatch(period -> period.id().equals(periodId))) {
			throw notFound("ledger_period_not_found", periodId);
		}
	}

	private Map<String, Object> problem(DomainProblem problem) {
		ProblemDetail detail = problems.of(problem);
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put("status", detail.getStatus());
		shown.put("title", detail.getTitle());
		shown.put("detail", detail.getDetail());
		if (detail.getProperties() != null) {
			shown.putAll(detail.getProperties());
		}
		return shown;
	}

	private static TimeAxis axis(String axis) {
		try {
			return TimeAxis.of(axis.strip());
		}
		catch (IllegalArgumentException ex) {
			throw field("axis", "api.field.ledger.axis");
		}
	}

	private @Nullable Map<String, Object> metadata(@Nullable String metadata) {
		if (metadata == null || metadata.isBlank()) {
			return null;
		}
		try {
			return json.readValue(metadata, new tools.jackson.core.type.TypeReference<>() {
			});
		}
		catch (RuntimeException ex) {
			throw field("metadata", "api.field.ledger.metadata_filter");
		}
	}

	private static DomainProblem field(String field, String key) {
		return new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "validation_failed", List.of(1),
				List.of(new DomainProblem.FieldProblem(field, key, List.of())), Map.of());
	}

	private static DomainProblem notFound(String code, Object id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, code, id.toString());
	}

}
