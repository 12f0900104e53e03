package io.octavia.core.admin.ledgerintegrity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.ledger.LedgerDetails;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerIntegrity;
import io.octavia.core.ledger.LedgerManagement;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsolePermissions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's ledger integrity page: choose a tenant (by id) and one of its ledgers,
 * then verify the tenant's hash chain or check the ledger's invariants; htmx fills the
 * result panel, without JavaScript the buttons load the whole page. Everything about the
 * tenant is read through {@link CrossTenantAccess} (audited) in the tenant's own scope.
 * Needs an operator holding {@code ledger:admin}.
 */
@Controller
@RequestMapping(AdminLedgerIntegrityController.URL)
class AdminLedgerIntegrityController {

	static final String URL = "/admin/ledger-integrity";

	private static final String VIEW = "admin/ledgerintegrity/integrity";

	private static final String PERMISSION = RolePermissions.LEDGER_ADMIN;

	private final LedgerIntegrity integrity;

	private final LedgerManagement ledgers;

	private final CrossTenantAccess crossTenant;

	AdminLedgerIntegrityController(LedgerIntegrity integrity, LedgerManagement ledgers, CrossTenantAccess crossTenant) {
		this.integrity = integrity;
		this.ledgers = ledgers;
		this.crossTenant = crossTenant;
	}

	@GetMapping
	String page(@RequestParam(required = false) @Nullable String tenant, Model model) {
		String actor = ConsolePermissions.operator(PERMISSION);
		show(actor, tenant, null, model);
		return VIEW;
	}

	@PostMapping("/chain-verification")
	String verificationPage(@RequestParam(required = false) @Nullable String tenant,
			@RequestParam(required = false) @Nullable String ledger, Model model) {
		String actor = ConsolePermissions.operator(PERMISSION);
		show(actor, tenant, ledger, model);
		verify(actor, tenant, model);
		return VIEW;
	}

	@HxRequest
	@PostMapping("/chain-verification")
	String verification(@RequestParam(required = false) @Nullable String tenant, Model model) {
		String actor = ConsolePermissions.operator(PERMISSION);
		verify(actor, tenant, model);
		return VIEW + " :: result";
	}

	@PostMapping("/invariant-check")
	String checkPage(@RequestParam(required = false) @Nullable String tenant,
			@RequestParam(required = false) @Nullable String ledger, Model model) {
		String actor = ConsolePermissions.operator(PERMISSION);
		show(actor, tenant, ledger, model);
		check(actor, tenant, ledger, model);
		return VIEW;
	}

	@HxRequest
	@PostMapping("/invariant-check")
	String check(@RequestParam(required = false) @Nullable String tenant,
			@RequestParam(required = false) @Nullable String ledger, Model model) {
		String actor = ConsolePermissions.operator(PERMISSION);
		check(actor, tenant, ledger, model);
		return VIEW + " :: result";
	}

	private void show(String actor, @Nullable String tenantParameter, @Nullable String ledger, Model model) {
		Optional<TenantId> tenant = parse(tenantParameter).map(TenantId::new);
		model.addAttribute("tenantParameter", tenantParameter);
		model.addAttribute("tenantInvalid", tenantParameter != null && !tenantParameter.isBlank() && tenant.isEmpty());
		model.addAttribute("tenant", tenant.orElse(null));
		model.addAttribute("selectedLedger", ledger);
		model.addAttribute("ledgers",
				tenant.map(id -> inTenant(actor, id, "GET " + URL + "?tenant=" + id, ledgers::ledgers))
					.orElse(List.<LedgerDetails>of()));
	}

	private void verify(String actor, @Nullable String tenantParameter, Model model) {
		Optional<TenantId> tenant = parse(tenantParameter).map(TenantId::new);
		if (tenant.isEmpty()) {
			model.addAttribute("resultError", "admin.ledgerintegrity.tenant_invalid");
			return;
		}
		model.addAttribute("verification", inTenant(actor, tenant.get(),
				"POST " + URL + "/chain-verification?tenant=" + tenant.get(), integrity::verifyChain));
	}

	private void check(String actor, @Nullable String tenantParameter, @Nullable String ledgerParameter, Model model) {
		Optional<TenantId> tenant = parse(tenantParameter).map(TenantId::new);
		Optional<LedgerId> ledger = parse(ledgerParameter).map(LedgerId::new);
		if (tenant.isEmpty()) {
			model.addAttribute("resultError", "admin.ledgerintegrity.tenant_invalid");
			return;
		}
		if (ledger.isEmpty()) {
			model.addAttribute("resultError", "api.problem.ledger_not_found.title");
			return;
		}
		try {
			model.addAttribute("report",
					inTenant(actor, tenant.get(), "POST " + URL + "/invariant-check?tenant=" + tenant.get(),
							() -> integrity.checkInvariants(ledger.get())));
		}
		catch (DomainProblem problem) {
			model.addAttribute("resultError", "api.problem." + problem.code() + ".title");
		}
	}

	/** Audited, then run in the tenant's own scope. */
	private <T> T inTenant(String actor, TenantId tenant, String reason, Supplier<T> work) {
		return crossTenant.call(actor, "Console " + reason,
				() -> TenantContext.call(TenantContext.Scope.tenant(tenant, actor), work::get));
	}

	private static Optional<UUID> parse(@Nullable String parameter) {
		if (parameter == null || parameter.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(UUID.fromString(parameter.strip()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution adminLedgerIntegrityNavigation() {
			return new ConsoleContribution(Console.ADMIN, Slot.NAVIGATION, "ledger-integrity",
					"admin.nav.ledger_integrity", URL, 80);
		}

	}

}
