package io.octavia.core.portal.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.octavia.core.identity.RolePermissions;
import io.octavia.core.ledger.web.AccountFilterForm;
import io.octavia.core.ledger.web.LedgerConsole;
import io.octavia.core.ledger.web.ReportForm;
import io.octavia.core.platform.web.ConsoleContribution;
import io.octavia.core.platform.web.ConsoleContribution.Console;
import io.octavia.core.platform.web.ConsoleContribution.Slot;
import io.octavia.core.platform.web.ConsolePermissions;

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
 * The tenant's own ledgers: ledgers, accounts with balances (filters, "load more"), an
 * account's statement with its balance chart, the trial balance, balance sheet and income
 * statement, and their CSV downloads. Everything needs {@code ledger:read} and reads in
 * the caller's tenant, so another tenant's ledger or account id is 404 like an unknown
 * one (row-level security). The date forms swap their results with htmx; "load more"
 * (target {@value #MORE}) adds statement lines.
 */
@Controller
@RequestMapping(PortalLedgerController.URL)
class PortalLedgerController {

	static final String URL = "/portal/ledgers";

	static final String READ = RolePermissions.LEDGER_READ;

	private static final String PAGES = "portal/ledger/";

	private static final String FRAGMENTS = "ledger/ledger";

	private static final String MORE = "statement-more";

	private static final String MORE_ACCOUNTS = "accounts-more";

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final LedgerConsole ledgers;

	PortalLedgerController(LedgerConsole ledgers) {
		this.ledgers = ledgers;
	}

	@GetMapping
	String ledgers(Model model, Locale locale) {
		ConsolePermissions.tenant(READ);
		model.addAllAttributes(ledgers.ledgers(URL, locale));
		return PAGES + "ledgers";
	}

	@GetMapping("/{ledgerId}")
	String ledger(@PathVariable String ledgerId, AccountFilterForm filter, Model model, Locale locale) {
		ConsolePermissions.tenant(READ);
		model.addAllAttributes(ledgers.ledger(URL, ledgerId, filter, locale));
		return PAGES + "ledger";
	}

	/**
	 * A new filter swaps the accounts; "load more" (target {@value #MORE_ACCOUNTS}) adds
	 * rows.
	 */
	@HxRequest
	@GetMapping("/{ledgerId}")
	String accounts(HtmxRequest htmx, @PathVariable String ledgerId, AccountFilterForm filter, Model model,
			Locale locale) {
		ConsolePermissions.tenant(READ);
		model.addAllAttributes(ledgers.ledger(URL, ledgerId, filter, locale));
		return FRAGMENTS + (MORE_ACCOUNTS.equals(htmx.getTarget()) ? " :: account-rows" : " :: accounts");
	}

	@GetMapping("/{ledgerId}/accounts/{accountId}")
	String account(@PathVariable String ledgerId, @PathVariable String accountId, ReportForm form,
			@RequestParam(required = false) @Nullable String cursor, Model model, Locale locale) {
		ConsolePermissions.tenant(READ);
		model.addAllAttributes(ledgers.account(URL, ledgerId, accountId, form, cursor, locale));
		return PAGES + "account";
	}

	/**
	 * The date form swaps the statement; "load more" (target {@value #MORE}) adds lines.
	 */
	@HxRequest
	@GetMapping("/{ledgerId}/accounts/{accountId}")
	String statement(HtmxRequest htmx, @PathVariable String ledgerId, @PathVariable String accountId, ReportForm form,
			@RequestParam(required = false) @Nullable String cursor, Model model, Locale locale) {
		ConsolePermissions.tenant(READ);
		model.addAllAttributes(ledgers.account(URL, ledgerId, accountId, form, cursor, locale));
		return FRAGMENTS + (MORE.equals(htmx.getTarget()) ? " :: statement-rows" : " :: statement");
	}

	@GetMapping("/{ledgerId}/accounts/{accountId}/statement.csv")
	ResponseEntity<String> statementCsv(@PathVariable String ledgerId, @PathVariable String accountId,
			ReportForm form) {
		ConsolePermissions.tenant(READ);
		return download(ledgers.statementCsv(ledgerId, accountId, form));
	}

	@GetMapping("/{ledgerId}/reports/{report}")
	String report(@PathVariable String ledgerId, @PathVariable String report, ReportForm form, Model model,
			Locale locale) {
		ConsolePermissions.tenant(READ);
		model.addAllAttributes(ledgers.report(URL, ledgerId, report, form, locale));
		return PAGES + "report";
	}

	@HxRequest
	@GetMapping("/{ledgerId}/reports/{report}")
	String reportResults(@PathVariable String ledgerId, @PathVariable String report, ReportForm form, Model model,
			Locale locale) {
		ConsolePermissions.tenant(READ);
		model.addAllAttributes(ledgers.report(URL, ledgerId, report, form, locale));
		return FRAGMENTS + " :: report";
	}

	@GetMapping("/{ledgerId}/reports/{report}/csv")
	ResponseEntity<String> reportCsv(@PathVariable String ledgerId, @PathVariable String report, ReportForm form) {
		ConsolePermissions.tenant(READ);
		return download(ledgers.reportCsv(ledgerId, report, form));
	}

	static ResponseEntity<String> download(LedgerConsole.Download file) {
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.filename()).build().toString())
			.body(file.body());
	}

	@Configuration(proxyBeanMethods = false)
	static class Navigation {

		@Bean
		ConsoleContribution portalLedgerNavigation() {
			return new ConsoleContribution(Console.PORTAL, Slot.NAVIGATION, "ledgers", "portal.nav.ledgers", URL, 30);
		}

	}

}
