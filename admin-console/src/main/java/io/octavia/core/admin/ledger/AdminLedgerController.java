package io.octavia.core.admin.ledger;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.ledger.web.AccountFilterForm;
import io.octavia.core.ledger.web.EntryFilterForm;
import io.octavia.core.ledger.web.LedgerConsole;
import io.octavia.core.ledger.web.ReportForm;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsolePermissions;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Any tenant's ledgers, read-only, for operators holding {@code ledger:read}: pick a
 * tenant (id or slug), its ledgers and accounts with balances (filters, "load more"),
 * account statements with the balance chart, the entry explorer (filters, "load more")
 * with entry details, the three reports and their CSV downloads. Every request reads
 * through {@link CrossTenantAccess} with the page as the reason (the platform's audit log
 * records it) and then in that one tenant's scope, so row-level security shows only its
 * rows: a ledger, account or entry of another tenant under this tenant's URL is 404.
 */
@Controller
@RequestMapping(AdminLedgerController.URL)
class AdminLedgerController {

	static final String URL = "/admin/ledgers";

	static final String READ = RolePermissions.LEDGER_READ;

	private static final String PAGES = "admin/ledger/";

	private static final String FRAGMENTS = "ledger/ledger";

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final LedgerConsole ledgers;

	private final TenantManagement tenants;

	private final CrossTenantAccess crossTenant;

	AdminLedgerController(LedgerConsole ledgers, TenantManagement tenants, CrossTenantAccess crossTenant) {
		this.ledgers = ledgers;
		this.tenants = tenants;
		this.crossTenant = crossTenant;
	}

	/** The tenant picker; a known id or slug goes to that tenant's ledgers. */
	@GetMapping
	String pick(@RequestParam(required = false) @Nullable String tenant, Model model) {
		String actor = ConsolePermissions.operator(READ);
		String wanted = (tenant != null) ? tenant.strip() : "";
		model.addAttribute("tenantParameter", wanted);
		if (wanted.isEmpty()) {
			return PAGES + "pick";
		}
		Optional<TenantDetails> found = crossTenant.call(actor, "Console GET " + URL + "?tenant=" + wanted,
				() -> id(wanted).map(TenantId::new).flatMap(tenants::find).or(() -> tenants.findBySlug(wanted)));
		if (found.isEmpty()) {
			model.addAttribute("tenantMissing", true);
			return PAGES + "pick";
		}
		return "redirect:" + URL + "/" + found.get().id();
	}

	@GetMapping("/{tenantId}")
	String tenantLedgers(@PathVariable String tenantId, Model model, Locale locale) {
		return page(tenantId, "", model, base -> ledgers.ledgers(base, locale), "ledgers");
	}

	@GetMapping("/{tenantId}/{ledgerId}")
	String ledger(@PathVariable String tenantId, @PathVariable String ledgerId, AccountFilterForm filter, Model model,
			Locale locale) {
		return page(tenantId, "/" + ledgerId, model, base -> ledgers.ledger(base, ledgerId, filter, locale), "ledger");
	}

	/** A new filter swaps the accounts; "load more" (target accounts-more) adds rows. */
	@HxRequest
	@GetMapping("/{tenantId}/{ledgerId}")
	String accounts(HtmxRequest htmx, @PathVariable String tenantId, @PathVariable String ledgerId,
			AccountFilterForm filter, Model model, Locale locale) {
		page(tenantId, "/" + ledgerId, model, base -> ledgers.ledger(base, ledgerId, filter, locale), "ledger");
		return FRAGMENTS + ("accounts-more".equals(htmx.getTarget()) ? " :: account-rows" : " :: accounts");
	}

	@GetMapping("/{tenantId}/{ledgerId}/accounts/{accountId}")
	String account(@PathVariable String tenantId, @PathVariable String ledgerId, @PathVariable String accountId,
			ReportForm form, @RequestParam(required = false) @Nullable String cursor, Model model, Locale locale) {
		return page(tenantId, "/" + ledgerId + "/accounts/" + accountId, model,
				base -> ledgers.account(base, ledgerId, accountId, form, cursor, locale), "account");
	}

	/** The date form swaps the statement; "load more" adds lines. */
	@HxRequest
	@GetMapping("/{tenantId}/{ledgerId}/accounts/{accountId}")
	String statement(HtmxRequest htmx, @PathVariable String tenantId, @PathVariable String ledgerId,
			@PathVariable String accountId, ReportForm form, @RequestParam(required = false) @Nullable String cursor,
			Model model, Locale locale) {
		page(tenantId, "/" + ledgerId + "/accounts/" + accountId, model,
				base -> ledgers.account(base, ledgerId, accountId, form, cursor, locale), "account");
		return FRAGMENTS + ("statement-more".equals(htmx.getTarget()) ? " :: statement-rows" : " :: statement");
	}

	@GetMapping("/{tenantId}/{ledgerId}/accounts/{accountId}/statement.csv")
	ResponseEntity<String> statementCsv(@PathVariable String tenantId, @PathVariable String ledgerId,
			@PathVariable String accountId, ReportForm form) {
		String actor = ConsolePermissions.operator(READ);
		return download(asTenant(actor, tenantId, "/" + ledgerId + "/accounts/" + accountId + "/statement.csv",
				() -> ledgers.statementCsv(ledgerId, accountId, form)));
	}

	@GetMapping("/{tenantId}/{ledgerId}/reports/{report}")
	String report(@PathVariable String tenantId, @PathVariable String ledgerId, @PathVariable String report,
			ReportForm form, Model model, Locale locale) {
		return page(tenantId, "/" + ledgerId + "/reports/" + report, model,
				base -> ledgers.report(base, ledgerId, report, form, locale), "report");
	}

	@HxRequest
	@GetMapping("/{tenantId}/{ledgerId}/reports/{report}")
	String reportResults(@PathVariable String tenantId, @PathVariable String ledgerId, @PathVariable String report,
			ReportForm form, Model model, Locale locale) {
		page(tenantId, "/" + ledgerId + "/reports/" + report, model,
				base -> ledgers.report(base, ledgerId, report, form, locale), "report");
		return FRAGMENTS + " :: report";
	}

	@GetMapping("/{tenantId}/{ledgerId}/reports/{report}/csv")
	ResponseEntity<String> reportCsv(@PathVariable String tenantId, @PathVariable String ledgerId,
			@PathVariable String report, ReportForm form) {
		String actor = ConsolePermissions.operator(READ);
		return download(asTenant(actor, tenantId, "/" + ledgerId + "/reports/" + report + "/csv",
				() -> ledgers.reportCsv(ledgerId, report, form)));
	}

	@GetMapping("/{tenantId}/{ledgerId}/entries")
	String entries(@PathVariable String tenantId, @PathVariable String ledgerId, EntryFilterForm filter, Model model,
			Locale locale) {
		return page(tenantId, "/" + ledgerId + "/entries", model,
				base -> ledgers.entries(base, ledgerId, filter, locale), "entries");
	}

	/** A new filter swaps the entries; "load more" (target entries-more) adds rows. */
	@HxRequest
	@GetMapping("/{tenantId}/{ledgerId}/entries")
	String entryResults(HtmxRequest htmx, @PathVariable String tenantId, @PathVariable String ledgerId,
			EntryFilterForm filter, Model model, Locale locale) {
		page(tenantId, "/" + ledgerId + "/entries", model, base -> ledgers.entries(base, ledgerId, filter, locale),
				"entries");
		return FRAGMENTS + ("entries-more".equals(htmx.getTarget()) ? " :: entry-rows" : " :: entries");
	}

	@GetMapping("/{tenantId}/{ledgerId}/entries/{entryId}")
	String entry(@PathVariable String tenantId, @PathVariable String ledgerId, @PathVariable String entryId,
			Model model, Locale locale) {
		return page(tenantId, "/" + ledgerId + "/entries/" + entryId, model,
				base -> ledgers.entry(base, ledgerId, entryId, locale), "entry");
	}

	// helpers

	/** A page of one tenant's ledgers: the tenant, then what {@code work} shows. */
	private String page(String tenantId, String path, Model model, Function<String, Map<String, Object>> work,
			String view) {
		String actor = ConsolePermissions.operator(READ);
		String base = URL + "/" + tenantId;
		model.addAllAttributes(asTenant(actor, tenantId, path, () -> {
			TenantDetails tenant = tenants.find(new TenantId(UUID.fromString(tenantId)))
				.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "not_found"));
			Map<String, Object> shown = new LinkedHashMap<>(work.apply(base));
			shown.put("tenant", tenant);
			shown.put("entriesTab", true);
			return shown;
		}));
		return PAGES + view;
	}

	/** Audited, then read in the tenant's own scope. */
	private <T> T asTenant(String actor, String tenantId, String path, Supplier<T> work) {
		TenantId tenant = id(tenantId).map(TenantId::new)
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "not_found"));
		return crossTenant.call(actor, "Console GET " + URL + "/" + tenant + path,
				() -> TenantContext.call(TenantContext.Scope.tenant(tenant, actor), work::get));
	}

	private static Optional<UUID> id(String value) {
		try {
			return Optional.of(UUID.fromString(value));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static ResponseEntity<String> download(LedgerConsole.Download file) {
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.filename()).build().toString())
			.body(file.body());
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution adminLedgerNavigation() {
			return new ConsoleContribution(Console.ADMIN, Slot.NAVIGATION, "ledgers", "admin.nav.ledgers", URL, 30);
		}

	}

}
