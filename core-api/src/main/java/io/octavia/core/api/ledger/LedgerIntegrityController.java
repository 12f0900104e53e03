package io.octavia.core.api.ledger;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import io.octavia.core.api.Permissions;
import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.BalanceMonitor;
import io.octavia.core.ledger.BalanceMonitorId;
import io.octavia.core.ledger.CreateBalanceMonitor;
import io.octavia.core.ledger.InvariantReport;
import io.octavia.core.ledger.LedgerChainVerification;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerIntegrity;
import io.octavia.core.ledger.LedgerMonitors;
import io.octavia.core.ledger.MonitorCondition;
import io.octavia.core.ledger.MonitoredBalance;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.RequiresPermission;
import io.octavia.core.platform.web.RequiresPermission.Caller;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger's integrity: verifying the tenant's hash chain over entries, checking a
 * ledger's invariants (both {@code ledger:admin}; operators reach any tenant's through
 * {@link CrossTenantAccess}, audited), and balance monitors on accounts. See
 * docs/ledger.md (Hash chain, Invariants, Balance monitors).
 */
@RestController
@Tag(name = "Ledger")
class LedgerIntegrityController {

	private final LedgerIntegrity integrity;

	private final LedgerMonitors monitors;

	private final CrossTenantAccess crossTenant;

	LedgerIntegrityController(LedgerIntegrity integrity, LedgerMonitors monitors, CrossTenantAccess crossTenant) {
		this.integrity = integrity;
		this.monitors = monitors;
		this.crossTenant = crossTenant;
	}

	/**
	 * A balance monitor to add.
	 *
	 * @param balance posted or available
	 * @param condition below or above
	 * @param amount the threshold in minor units, signed like the balance
	 */
	record MonitorRequest(@Nullable String balance, @Nullable String condition, @Nullable Long amount,
			@Nullable String description) {

		CreateBalanceMonitor toCommand(LedgerId ledger, AccountId account) {
			FieldProblems problems = new FieldProblems();
			MonitoredBalance watched = parse(balance, MonitoredBalance::of, "balance",
					"api.field.ledger.monitor_balance", problems);
			MonitorCondition when = parse(condition, MonitorCondition::of, "condition",
					"api.field.ledger.monitor_condition", problems);
			if (amount == null) {
				problems.add("amount", "api.field.required");
			}
			problems.throwIfAny();
			return new CreateBalanceMonitor(ledger, account, watched, when, amount, description);
		}

		private static <T> @Nullable T parse(@Nullable String value, java.util.function.Function<String, T> parser,
				String field, String key, FieldProblems problems) {
			if (value == null) {
				return null;
			}
			try {
				return parser.apply(value.strip().toLowerCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add(field, key);
				return null;
			}
		}

	}

	// the tenant's own

	@RequiresPermission(LedgersController.ADMIN)
	@PostMapping("/api/v1/ledgers/chain/verification")
	@Operation(summary = "Verify the tenant's ledger hash chain",
			description = "The chain is per tenant: every entry of every ledger, in seq order, each link "
					+ "SHA-256(previous link || entry || its postings). Recomputes it and reports how many links "
					+ "were verified, how many entries wait for their seal, and the first broken link (entry id, seq, "
					+ "expected vs stored hash, reason entry_changed, posting_changed or link_missing).")
	LedgerChainVerification verifyChain() {
		return integrity.verifyChain();
	}

	@RequiresPermission(LedgersController.ADMIN)
	@PostMapping("/api/v1/ledgers/{ledgerId}/invariants/check")
	@Operation(summary = "Check a ledger's invariants",
			description = "Per currency debits = credits (posted and pending); every account's totals and version "
					+ "= the sums and count of its postings; its last posting carries those totals on both time "
					+ "axes. Reports every violation.")
	InvariantReport checkInvariants(@PathVariable LedgerId ledgerId) {
		return integrity.checkInvariants(ledgerId);
	}

	// operators, for any tenant

	@RequiresPermission(value = LedgersController.ADMIN, caller = Caller.OPERATOR)
	@PostMapping("/api/v1/tenants/{tenantId}/ledgers/chain/verification")
	@Operation(summary = "Verify a tenant's ledger hash chain", description = "Operators only; audited.")
	LedgerChainVerification verifyChain(@PathVariable UUID tenantId) {
		return asTenant(tenantId, "/chain/verification", integrity::verifyChain);
	}

	@RequiresPermission(value = LedgersController.ADMIN, caller = Caller.OPERATOR)
	@PostMapping("/api/v1/tenants/{tenantId}/ledgers/{ledgerId}/invariants/check")
	@Operation(summary = "Check a tenant's ledger's invariants", description = "Operators only; audited.")
	InvariantReport checkInvariants(@PathVariable UUID tenantId, @PathVariable LedgerId ledgerId) {
		return asTenant(tenantId, "/" + ledgerId + "/invariants/check", () -> integrity.checkInvariants(ledgerId));
	}

	// balance monitors

	@RequiresPermission(LedgersController.WRITE)
	@PostMapping("/api/v1/ledgers/{ledgerId}/accounts/{accountId}/monitors")
	@Operation(summary = "Add a balance monitor",
			description = "balance posted or available, condition below or above, amount (minor units, signed "
					+ "like the balance). An entry that moves the balance across the threshold publishes "
					+ "ledger.balance.threshold_crossed (Kafka topic octavia.ledger) in its transaction; breached "
					+ "says which way. Up to 20 per account.")
	ResponseEntity<BalanceMonitor> addMonitor(@PathVariable LedgerId ledgerId, @PathVariable AccountId accountId,
			@RequestBody MonitorRequest request) {
		BalanceMonitor monitor = monitors.createMonitor(request.toCommand(ledgerId, accountId));
		return ResponseEntity
			.created(URI.create("/api/v1/ledgers/" + ledgerId + "/accounts/" + accountId + "/monitors/" + monitor.id()))
			.body(monitor);
	}

	@RequiresPermission(LedgersController.READ)
	@GetMapping("/api/v1/ledgers/{ledgerId}/accounts/{accountId}/monitors")
	@Operation(summary = "List an account's balance monitors")
	List<BalanceMonitor> monitors(@PathVariable LedgerId ledgerId, @PathVariable AccountId accountId) {
		return monitors.monitors(ledgerId, accountId);
	}

	@RequiresPermission(LedgersController.WRITE)
	@DeleteMapping("/api/v1/ledgers/{ledgerId}/accounts/{accountId}/monitors/{monitorId}")
	@Operation(summary = "Remove a balance monitor")
	ResponseEntity<Void> removeMonitor(@PathVariable LedgerId ledgerId, @PathVariable AccountId accountId,
			@PathVariable BalanceMonitorId monitorId) {
		monitors.deleteMonitor(ledgerId, accountId, monitorId);
		return ResponseEntity.noContent().build();
	}

	/** Audited, then run in the tenant's own scope. */
	private <T> T asTenant(UUID tenantId, String path, Supplier<T> work) {
		String actor = Permissions.operator();
		TenantId tenant = new TenantId(tenantId);
		return crossTenant.call(actor, "API POST /api/v1/tenants/" + tenant + "/ledgers" + path,
				() -> TenantContext.call(TenantContext.Scope.tenant(tenant, actor), work::get));
	}

}
