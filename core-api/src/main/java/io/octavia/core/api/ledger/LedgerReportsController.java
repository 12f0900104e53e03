package io.octavia.core.api.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.Permissions;
import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.AccountStatement;
import io.octavia.core.ledger.BalanceSheet;
import io.octavia.core.ledger.IncomeStatement;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerManagement;
import io.octavia.core.ledger.LedgerReports;
import io.octavia.core.ledger.TimeAxis;
import io.octavia.core.ledger.TrialBalance;
import io.octavia.core.ledger.web.LedgerCsv;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ledger reports: trial balance, balance sheet, income statement and account statements,
 * as JSON (minor units, with each currency's exponent) or as CSV (decimal amounts;
 * {@code Accept: text/csv} or {@code ?format=csv}). Only posted amounts count. The
 * tenant's own under {@code /api/v1/ledgers}; any tenant's for operators under
 * {@code /api/v1/tenants/{tenantId}/ledgers}, through {@link CrossTenantAccess}. Needs
 * {@code ledger:read}.
 */
@RestController
@Tag(name = "Ledger reports", description = "Trial balance, balance sheet, income statement, account statements")
class LedgerReportsController {

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private static final String AS_OF = "ISO-8601 instant; postings at or before it count. Default: now.";

	private static final String AXIS = "effective (business time, default) or recorded (when the ledger learnt of it)";

	private static final String FORMAT = "csv for a CSV download (or send Accept: text/csv); default JSON";

	private final LedgerReports reports;

	private final LedgerManagement ledger;

	private final CrossTenantAccess crossTenant;

	LedgerReportsController(LedgerReports reports, LedgerManagement ledger, CrossTenantAccess crossTenant) {
		this.reports = reports;
		this.ledger = ledger;
		this.crossTenant = crossTenant;
	}

	// the tenant's own

	@RequiresPermission(LedgersController.READ)
	@GetMapping("/api/v1/ledgers/{ledgerId}/reports/trial-balance")
	@Operation(summary = "Trial balance",
			description = "Every account's posted balance as of a time, in the debit or the credit column, per "
					+ "currency, with totals that are equal in a sound ledger.")
	@ApiResponse(responseCode = "200",
			content = { @Content(mediaType = "application/json", schema = @Schema(implementation = TrialBalance.class)),
					@Content(mediaType = "text/csv") })
	ResponseEntity<?> trialBalance(@PathVariable LedgerId ledgerId,
			@Parameter(description = AS_OF) @RequestParam(required = false) @Nullable Instant asOf,
			@Parameter(description = AXIS) @RequestParam(defaultValue = "effective") String axis,
			@Parameter(description = FORMAT) @RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
		Instant at = (asOf != null) ? asOf : Instant.now();
		TrialBalance report = reports.trialBalance(ledgerId, at, axis(axis));
		return answer(report, format, accept, () -> LedgerCsv.trialBalance(report),
				LedgerCsv.filename("trial-balance", at));
	}

	@RequiresPermission(LedgersController.READ)
	@GetMapping("/api/v1/ledgers/{ledgerId}/reports/balance-sheet")
	@Operation(summary = "Balance sheet",
			description = "Assets, liabilities and equity as of a time per currency, rolled up by category and "
					+ "parent account, with current earnings (revenue − expenses to date): assets = liabilities + "
					+ "equity + current earnings. Amounts are signed to each section's normal side.")
	@ApiResponse(responseCode = "200",
			content = { @Content(mediaType = "application/json", schema = @Schema(implementation = BalanceSheet.class)),
					@Content(mediaType = "text/csv") })
	ResponseEntity<?> balanceSheet(@PathVariable LedgerId ledgerId,
			@Parameter(description = AS_OF) @RequestParam(required = false) @Nullable Instant asOf,
			@Parameter(description = AXIS) @RequestParam(defaultValue = "effective") String axis,
			@Parameter(description = FORMAT) @RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
		Instant at = (asOf != null) ? asOf : Instant.now();
		BalanceSheet report = reports.balanceSheet(ledgerId, at, axis(axis));
		return answer(report, format, accept, () -> LedgerCsv.balanceSheet(report),
				LedgerCsv.filename("balance-sheet", at));
	}

	@RequiresPermission(LedgersController.READ)
	@GetMapping("/api/v1/ledgers/{ledgerId}/reports/income-statement")
	@Operation(summary = "Income statement",
			description = "Revenue and expenses posted in [from, to) per currency (balance before to minus balance "
					+ "before from), rolled up by category and parent account, and the net income.")
	@ApiResponse(responseCode = "200",
			content = {
					@Content(mediaType = "application/json", schema = @Schema(implementation = IncomeStatement.class)),
					@Content(mediaType = "text/csv") })
	ResponseEntity<?> incomeStatement(@PathVariable LedgerId ledgerId,
			@Parameter(description = "ISO-8601 instant, included") @RequestParam Instant from,
			@Parameter(description = "ISO-8601 instant, excluded") @RequestParam Instant to,
			@Parameter(description = AXIS) @RequestParam(defaultValue = "effective") String axis,
			@Parameter(description = FORMAT) @RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
		IncomeStatement report = reports.incomeStatement(ledgerId, from, to, axis(axis));
		return answer(report, format, accept, () -> LedgerCsv.incomeStatement(report),
				LedgerCsv.filename("income-statement", from));
	}

	@RequiresPermission(LedgersController.READ)
	@GetMapping("/api/v1/ledgers/{ledgerId}/accounts/{accountId}/statement")
	@Operation(summary = "Account statement",
			description = "Opening balance (before from), each posting in [from, to) that moved the posted balance "
					+ "with the running balance after it, oldest first, and the closing balance (before to). JSON "
					+ "comes a page at a time (nextCursor; opening, closing and totals cover the whole range); CSV "
					+ "holds every line.")
	@ApiResponse(responseCode = "200",
			content = {
					@Content(mediaType = "application/json", schema = @Schema(implementation = AccountStatement.class)),
					@Content(mediaType = "text/csv") })
	ResponseEntity<?> statement(@PathVariable LedgerId ledgerId, @PathVariable AccountId accountId,
			@Parameter(description = "ISO-8601 instant, included") @RequestParam Instant from,
			@Parameter(description = "ISO-8601 instant, excluded") @RequestParam Instant to,
			@Parameter(description = AXIS) @RequestParam(defaultValue = "effective") String axis,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "" + AccountStatement.DEFAULT_LIMIT) int limit,
			@Parameter(description = FORMAT) @RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
		TimeAxis timeAxis = axis(axis);
		ledger.findAccount(accountId)
			.filter(account -> account.ledgerId().equals(ledgerId))
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_account_not_found",
					accountId.toString()));
		if (wantsCsv(format, accept)) {
			AccountStatement first = reports.statement(accountId, from, to, timeAxis, null, AccountStatement.MAX_LIMIT);
			return csv(
					LedgerCsv.statement(first,
							next -> reports.statement(accountId, from, to, timeAxis, next, AccountStatement.MAX_LIMIT)),
					LedgerCsv.filename("statement-" + first.code().replaceAll("[^A-Za-z0-9_.-]", "_"), from));
		}
		return ResponseEntity.ok(reports.statement(accountId, from, to, timeAxis, cursor, limit));
	}

	// any tenant's, for operators

	@RequiresPermission(value = LedgersController.READ, caller = Caller.OPERATOR)
	@GetMapping("/api/v1/tenants/{tenantId}/ledgers/{ledgerId}/reports/trial-balance")
	@Operation(summary = "A tenant's trial balance", description = "Operators only; as the tenant's own.")
	ResponseEntity<?> tenantTrialBalance(@PathVariable UUID tenantId, @PathVariable LedgerId ledgerId,
			@RequestParam(required = false) @Nullable Instant asOf,
			@RequestParam(defaultValue = "effective") String axis,
			@RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
		return asTenant(tenantId, "/" + ledgerId + "/reports/trial-balance",
				() -> trialBalance(ledgerId, asOf, axis, format, accept));
	}

	@RequiresPermission(value = LedgersController.READ, caller = Caller.OPERATOR)
	@GetMapping("/api/v1/tenants/{tenantId}/ledgers/{ledgerId}/reports/balance-sheet")
	@Operation(summary = "A tenant's balance sheet", description = "Operators only; as the tenant's own.")
	ResponseEntity<?> tenantBalanceSheet(@PathVariable UUID tenantId, @PathVariable LedgerId ledgerId,
			@RequestParam(required = false) @Nullable Instant asOf,
			@RequestParam(defaultValue = "effective") String axis,
			@RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
		return asTenant(tenantId, "/" + ledgerId + "/reports/balance-sheet",
				() -> balanceSheet(ledgerId, asOf, axis, format, accept));
	}

	@RequiresPermission(value = LedgersController.READ, caller = Caller.OPERATOR)
	@GetMapping("/api/v1/tenants/{tenantId}/ledgers/{ledgerId}/reports/income-statement")
	@Operation(summary = "A tenant's income statement", description = "Operators only; as the tenant's own.")
	ResponseEntity<?> tenantIncomeStatement(@PathVariable UUID tenantId, @PathVariable LedgerId ledgerId,
			@RequestParam Instant from, @RequestParam Instant to, @RequestParam(defaultValue = "effective") String axis,
			@RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
		return asTenant(tenantId, "/" + ledgerId + "/reports/income-statement",
				() -> incomeStatement(ledgerId, from, to, axis, format, accept));
	}

	@RequiresPermission(value = LedgersController.READ, caller = Caller.OPERATOR)
	@GetMapping("/api/v1/tenants/{tenantId}/ledgers/{ledgerId}/accounts/{accountId}/statement")
	@Operation(summary = "A tenant's account statement", description = "Operators only; as the tenant's own.")
	ResponseEntity<?> tenantStatement(@PathVariable UUID tenantId, @PathVariable LedgerId ledgerId,
			@PathVariable AccountId accountId, @RequestParam Instant from, @RequestParam Instant to,
			@RequestParam(defaultValue = "effective") String axis,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "" + AccountStatement.DEFAULT_LIMIT) int limit,
			@RequestParam(required = false) @Nullable String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
		return asTenant(tenantId, "/" + ledgerId + "/accounts/" + accountId + "/statement",
				() -> statement(ledgerId, accountId, from, to, axis, cursor, limit, format, accept));
	}

	// helpers

	/** Audited, then read in the tenant's own scope (row-level security as for it). */
	private <T> T asTenant(UUID tenantId, String path, Supplier<T> work) {
		String actor = Permissions.operator();
		TenantId tenant = new TenantId(tenantId);
		return crossTenant.call(actor, "API GET /api/v1/tenants/" + tenant + "/ledgers" + path,
				() -> TenantContext.call(TenantContext.Scope.tenant(tenant, actor), work::get));
	}

	private static ResponseEntity<?> answer(Object report, @Nullable String format, @Nullable String accept,
			Supplier<String> csv, String filename) {
		return wantsCsv(format, accept) ? csv(csv.get(), filename) : ResponseEntity.ok(report);
	}

	private static boolean wantsCsv(@Nullable String format, @Nullable String accept) {
		if (format != null && !format.isBlank()) {
			return switch (format.strip()) {
				case "csv" -> true;
				case "json" -> false;
				default -> throw field("format", "api.field.ledger.report_format");
			};
		}
		// only an explicit text/csv: browsers and clients that accept anything get JSON
		return accept != null && MediaType.parseMediaTypes(accept)
			.stream()
			.anyMatch(type -> "text".equals(type.getType()) && "csv".equals(type.getSubtype())
					&& type.getQualityValue() > 0);
	}

	private static ResponseEntity<String> csv(String body, String filename) {
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(body);
	}

	private static TimeAxis axis(String axis) {
		try {
			return TimeAxis.of(axis.strip());
		}
		catch (IllegalArgumentException ex) {
			throw field("axis", "api.field.ledger.axis");
		}
	}

	private static DomainProblem field(String field, String key) {
		return new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "validation_failed", List.of(1),
				List.of(new DomainProblem.FieldProblem(field, key, List.of())), Map.of());
	}

}
