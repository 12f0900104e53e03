package io.octavia.core.api.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.Permissions;
import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.AccountPage;
import io.octavia.core.ledger.AccountQuery;
import io.octavia.core.ledger.EntryDetails;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.ledger.EntryPage;
import io.octavia.core.ledger.EntryQuery;
import io.octavia.core.ledger.LedgerDetails;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerManagement;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any tenant's ledgers, read-only, for operators (callers without a tenant) holding
 * {@code ledger:read}. Each request goes through {@link CrossTenantAccess} (so the
 * platform's audit log records it) and then reads in that one tenant's scope: row-level
 * security still shows only that tenant's rows.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/ledgers")
@Tag(name = "Ledger")
class TenantLedgersController {

	private final LedgerManagement ledger;

	private final CrossTenantAccess crossTenant;

	TenantLedgersController(LedgerManagement ledger, CrossTenantAccess crossTenant) {
		this.ledger = ledger;
		this.crossTenant = crossTenant;
	}

	@RequiresPermission(value = LedgersController.READ, caller = Caller.OPERATOR)
	@GetMapping
	@Operation(summary = "List a tenant's ledgers", description = "Operators only. Needs ledger:read.")
	List<LedgerDetails> ledgers(@PathVariable UUID tenantId) {
		return asTenant(tenantId, "", ledger::ledgers);
	}

	@RequiresPermission(value = LedgersController.READ, caller = Caller.OPERATOR)
	@GetMapping("/{ledgerId}/accounts")
	@Operation(summary = "List a tenant's accounts with balances",
			description = "Operators only. By code, a page at a time; filters as for the tenant's own list.")
	AccountPage accounts(@PathVariable UUID tenantId, @PathVariable LedgerId ledgerId,
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
			@RequestParam(required = false) @Nullable String codePrefix,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "" + AccountQuery.DEFAULT_LIMIT) int limit) {
		AccountQuery query = LedgersController.accountQuery(ledgerId, type, status, category, parentId, currency, code,
				codePrefix, cursor, limit);
		return asTenant(tenantId, "/" + ledgerId + "/accounts", () -> ledger.accounts(query));
	}

	@RequiresPermission(value = LedgersController.READ, caller = Caller.OPERATOR)
	@GetMapping("/{ledgerId}/entries")
	@Operation(summary = "List a tenant's entries",
			description = "Operators only. Newest first, a page at a time; filters as for the tenant's own list.")
	EntryPage entries(@PathVariable UUID tenantId, @PathVariable LedgerId ledgerId,
			@RequestParam(required = false) @Nullable AccountId accountId,
			@RequestParam(required = false) @Nullable Instant effectiveFrom,
			@RequestParam(required = false) @Nullable Instant effectiveTo,
			@RequestParam(required = false) @Nullable String externalReference,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "" + EntryQuery.DEFAULT_LIMIT) int limit) {
		EntryQuery query = new EntryQuery(ledgerId, accountId, effectiveFrom, effectiveTo, null, null,
				externalReference, null, cursor, limit);
		return asTenant(tenantId, "/" + ledgerId + "/entries", () -> ledger.entries(query));
	}

	@RequiresPermission(value = LedgersController.READ, caller = Caller.OPERATOR)
	@GetMapping("/{ledgerId}/entries/{entryId}")
	@Operation(summary = "Get a tenant's entry", description = "Operators only.")
	EntryDetails entry(@PathVariable UUID tenantId, @PathVariable LedgerId ledgerId, @PathVariable EntryId entryId) {
		return asTenant(tenantId, "/" + ledgerId + "/entries/" + entryId,
				() -> ledger.findEntry(entryId)
					.filter(entry -> entry.ledgerId().equals(ledgerId))
					.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "ledger_entry_not_found",
							entryId.toString())));
	}

	/** Audited, then read in the tenant's own scope. */
	private <T> T asTenant(UUID tenantId, String path, Supplier<T> work) {
		String actor = Permissions.operator();
		TenantId tenant = new TenantId(tenantId);
		return crossTenant.call(actor, "API GET /api/v1/tenants/" + tenant + "/ledgers" + path,
				() -> TenantContext.call(TenantContext.Scope.tenant(tenant, actor), work::get));
	}

}
