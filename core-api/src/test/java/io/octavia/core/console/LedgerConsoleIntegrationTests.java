package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.AccountType;
import io.octavia.core.ledger.BulkMode;
import io.octavia.core.ledger.BulkPost;
import io.octavia.core.ledger.CreateAccount;
import io.octavia.core.ledger.CreateLedger;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.ledger.EntryQuery;
import io.octavia.core.ledger.LedgerBooks;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerManagement;
import io.octavia.core.ledger.PostEntry;
import io.octavia.core.ledger.PostingLine;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger pages of both consoles over plain HTTP against the real servers, on
 * {@link LedgerBooks}: the portal's ledgers, accounts (a page at a time, filtered),
 * statement with its chart and the three reports (full pages and htmx parts, CSV
 * downloads, localized numbers, date problems at their field), the operator's tenant
 * picker, entry explorer with filters and "load more", entry details and reports through
 * the audited cross-tenant access, and the refusals (no permission, another tenant's
 * ledger).
 */
@OctaviaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerConsoleIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	LedgerManagement ledgers;

	TenantId tenant;

	String slug;

	LedgerBooks books;

	EntryId laptop;

	ConsoleClient reader;

	ConsoleClient operator;

	String portal;

	String admin;

	@BeforeAll
	void booksOfARealTenant() {
		slug = ApiTestSupport.slug("books");
		tenant = tenants.create(new CreateTenant(slug, "Books Ltd", "en", "UTC", "EUR")).id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> ApiTestSupport.asTenant(tenant, () -> tenants.find(tenant))
				.orElseThrow()
				.status() == TenantStatus.ACTIVE);
		books = new LedgerBooks(ledgers, tenant);
		// thirty more entries, so the explorer has more than a page
		List<PostEntry> bulk = new ArrayList<>();
		for (int i = 1; i <= 30; i++) {
			bulk.add(new PostEntry(books.ledger,
					List.of(PostingLine.debit(books.cash, i), PostingLine.credit(books.sales, i)), false, null,
					Instant.parse("2026-06-01T00:00:00Z"), "Bulk " + i, "bulk", null, null, List.of()));
		}
		as(() -> ledgers.postBulk(new BulkPost(bulk, BulkMode.ATOMIC)));
		laptop = as(() -> ledgers
			.entries(new EntryQuery(books.ledger, books.equipment, null, null, null, null, null, null, null, 10)))
			.items()
			.get(0)
			.id();
		reader = new ConsoleClient(port, "tenant=" + tenant + ";user=" + Ids.newId() + ";authorities=ledger:read");
		operator = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=ledger:read");
		portal = "/portal/ledgers/" + books.ledger;
		admin = "/admin/ledgers/" + tenant + "/" + books.ledger;
	}

	/** Every element's text, empty ones included (unlike {@code eachText}). */
	static List<String> texts(Elements elements) {
		return elements.stream().map(Element::text).toList();
	}

	<T> T as(Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), work::get);
	}

	@Test
	void thePortalListsLedgersAndAccountsWithBalances() {
		Document list = reader.page("/portal/ledgers");
		assertThat(list.select("#ledger-list a").eachText()).containsExactly("books");
		Document accounts = reader.page(portal + "?lang=en");
		// cash: 100000 − 12000 + 1 + … + 30 (the bulk) = 88465 minor units
		assertThat(accounts.select("#account-" + books.cash + " td.num").first().text()).startsWith("884.65");
		assertThat(accounts.select("#account-" + books.bank + " td.num").get(1).text()).isEqualTo("270.00");
		assertThat(accounts.select("#account-" + books.bank + " td").get(4).text()).isEqualTo("1000");
		assertThat(accounts.select("nav.tabs a")).hasSize(4);
	}

	@Test
	void theAccountPageShowsTheStatementAndTheBalanceChart() {
		String url = portal + "/accounts/" + books.bank;
		Document page = reader.page(url + "?from=2026-02-01&to=2026-04-30&lang=en");
		assertThat(page.select(".statement-row")).hasSize(4);
		assertThat(texts(page.select(".statement-row td.num"))).containsExactly("", "30.00", "-30.00", "300.00", "",
				"270.00", "50.00", "", "320.00", "", "50.00", "270.00");
		assertThat(page.select(".ledger-closing").text()).isEqualTo("270.00");
		assertThat(page.select("svg.ledger-chart-svg polyline").attr("points").split(" ")).hasSize(60);
		assertThat(page.select("svg.ledger-chart-svg circle title").first().text()).startsWith("Feb 1, 2026: -30.00");
		assertThat(page.select("a.ledger-csv").attr("href"))
			.isEqualTo(url + "/statement.csv?from=2026-02-01&to=2026-04-30&axis=effective");

		HttpResponse<String> part = reader.htmx(url + "?from=2026-03-01&to=2026-04-05&lang=en", "ledger-statement");
		assertThat(part.statusCode()).isEqualTo(200);
		Document fragment = ConsoleClient.fragment(part);
		assertThat(fragment.select("main")).isEmpty();
		assertThat(fragment.select("#ledger-statement .statement-row")).hasSize(1);
		assertThat(fragment.select(".ledger-closing").text()).isEqualTo("320.00");

		HttpResponse<String> csv = reader.get(url + "/statement.csv?from=2026-02-01&to=2026-04-30&axis=effective");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
			.isEqualTo("attachment; filename=\"statement-1010-2026-02-01-2026-04-30.csv\"");
		assertThat(csv.body().split("\r\n")).hasSize(7)
			.endsWith("1010,EUR,closing,2026-05-01T00:00:00Z,,,,,,350.00,80.00,270.00");

		Document wrong = reader.page(url + "?from=2026-05-01&to=2026-04-01&lang=en");
		assertThat(wrong.select(".field-error").text()).isEqualTo("The end must not come before the start.");
		assertThat(wrong.select(".statement-row")).isEmpty();
		Document garbled = reader.page(url + "?from=yesterday&lang=en");
		assertThat(garbled.select(".field-error").text()).isEqualTo("Enter a date.");
	}

	@Test
	void thePortalShowsTheThreeReportsAndTheirDownloads() {
		Document trial = reader.page(portal + "/reports/trial-balance?asOf=2026-03-30&lang=en");
		assertThat(trial.select("table.trial-balance")).hasSize(2);
		assertThat(trial.select("table.trial-balance").first().select("tfoot td").eachText())
			.containsExactly("1,800.00", "1,800.00");
		assertThat(trial.select("table.trial-balance").get(1).select("tfoot td").eachText()).containsExactly("500",
				"500");
		Document recorded = reader.page(portal + "/reports/trial-balance?axis=recorded&lang=en");
		assertThat(recorded.select("table.trial-balance").first().select("tfoot td").eachText())
			.containsExactly("1,804.65", "1,804.65");

		Document sheet = reader.page(portal + "/reports/balance-sheet?asOf=2026-03-30&lang=en");
		assertThat(sheet.select("table.balance-sheet").first().select(".ledger-total td.num").eachText())
			.containsExactly("1,650.00", "500.00", "1,000.00", "1,650.00");
		assertThat(
				sheet.select("table.balance-sheet").first().select(".ledger-account").first().select("td").eachText())
			.containsExactly("1000", "Cash", "880.00", "1,150.00");

		Document income = reader.page(portal + "/reports/income-statement?from=2026-02-01&to=2026-04-29&lang=en");
		assertThat(income.select(".ledger-net").first().text()).isEqualTo("150.00");
		HttpResponse<String> part = reader.htmx(portal + "/reports/income-statement?from=2026-02-02&to=2026-04-29",
				"ledger-report");
		assertThat(ConsoleClient.fragment(part).select(".ledger-net").first().text()).isEqualTo("180.00");

		HttpResponse<String> csv = reader.get(portal + "/reports/trial-balance/csv?asOf=2026-03-30&axis=effective");
		assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
			.isEqualTo("attachment; filename=\"trial-balance-books-2026-03-30.csv\"");
		assertThat(csv.body()).contains("\r\nEUR,total,,,,,1800.00,1800.00\r\n")
			.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"Payables\"\")\"");
		assertThat(reader.get(portal + "/reports/income-statement/csv?from=2026-02-01&to=2026-04-29").body())
			.contains("EUR,,net_income,,,,,150.00,");
		assertThat(reader.get(portal + "/reports/trial-balance/csv?asOf=nonsense").statusCode()).isEqualTo(400);
		assertThat(reader.get(portal + "/reports/cash-flow").statusCode()).isEqualTo(404);

		// Persian: the same numbers in Persian digits, on a right-to-left page
		Document persian = reader.page(portal + "/reports/trial-balance?asOf=2026-03-30&lang=fa");
		assertThat(persian.select("html").attr("dir")).isEqualTo("rtl");
		assertThat(persian.select("table.trial-balance").first().select("tfoot td").first().text()).contains("۸۰۰");
	}

	@Test
	void theAccountsComeAPageAtATimeAndFiltered() {
		// another tenant (the books' tenant keeps one ledger) with a ledger of 60
		// accounts:
		// more than a page of 50
		TenantId owner = tenants.create(new CreateTenant(ApiTestSupport.slug("chart"), "Chart", "en", "UTC", "EUR"))
			.id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> ApiTestSupport.asTenant(owner, () -> tenants.find(owner))
				.orElseThrow()
				.status() == TenantStatus.ACTIVE);
		ConsoleClient chartReader = new ConsoleClient(port,
				"tenant=" + owner + ";user=" + Ids.newId() + ";authorities=ledger:read");
		LedgerId chart = ApiTestSupport
			.asTenant(owner, () -> ledgers.createLedger(new CreateLedger("chart", "Chart", List.of("EUR"), null)))
			.id();
		List<String> codes = new ArrayList<>();
		AccountId root = null;
		for (int i = 0; i < 60; i++) {
			String code = String.valueOf(5000 + i);
			AccountId parent = (i == 55) ? root : null;
			AccountId id = ApiTestSupport.asTenant(owner,
					() -> ledgers.openAccount(new CreateAccount(chart, code, "Account " + code,
							(code.endsWith("1")) ? AccountType.EXPENSE : AccountType.ASSET, null, "EUR", null, parent,
							null, null)))
				.id();
			root = (i == 0) ? id : root;
			if (i == 42) {
				ApiTestSupport.asTenant(owner, () -> ledgers.closeAccount(id));
			}
			codes.add(code);
		}
		String url = "/portal/ledgers/" + chart;
		Document first = chartReader.page(url + "?lang=en");
		assertThat(first.select(".account-row")).hasSize(50);
		String more = first.select("#accounts-more a").attr("href");
		assertThat(more).startsWith(url + "?cursor=");
		// table rows only parse inside a table
		Document rest = Jsoup
			.parse("<table><tbody>" + chartReader.htmx(more, "accounts-more").body() + "</tbody></table>");
		assertThat(rest.select(".account-row")).hasSize(10);
		assertThat(rest.select("#accounts-more")).isEmpty();
		List<String> shown = new ArrayList<>(first.select(".account-row td:first-child").eachText());
		shown.addAll(rest.select(".account-row td:first-child").eachText());
		assertThat(shown).containsExactlyElementsOf(codes);
		// the parent is on the first page, its child on the second
		assertThat(rest.select(".account-row").get(5).select("td").get(4).text()).isEqualTo("5000");

		assertThat(chartReader.page(url + "?prefix=501").select(".account-row td:first-child").eachText())
			.containsExactly("5010", "5011", "5012", "5013", "5014", "5015", "5016", "5017", "5018", "5019");
		assertThat(chartReader.page(url + "?type=expense").select(".account-row")).hasSize(6);
		assertThat(chartReader.page(url + "?status=closed").select(".account-row td:first-child").eachText())
			.containsExactly("5042");
		assertThat(chartReader.page(url + "?status=open").select(".account-row")).hasSize(50);
		HttpResponse<String> filtered = chartReader.htmx(url + "?prefix=505&type=asset", "ledger-accounts");
		Document fragment = ConsoleClient.fragment(filtered);
		assertThat(fragment.select("main")).isEmpty();
		assertThat(fragment.select("#ledger-accounts .account-row")).hasSize(9);
		Document wrong = chartReader.page(url + "?type=cash&lang=en");
		assertThat(wrong.select(".field-error").text()).isEqualTo("Use asset, liability, equity, revenue or expense.");
		assertThat(wrong.select(".account-row")).isEmpty();

		Document operators = operator.page("/admin/ledgers/" + owner + "/" + chart + "?prefix=50");
		assertThat(operators.select(".account-row")).hasSize(50);
		assertThat(operators.select("#accounts-more a").attr("href")).contains("prefix=50", "cursor=");
	}

	@Test
	void thePortalRefusesCallersWithoutThePermissionAndOtherTenantsLedgers() {
		ConsoleClient viewer = new ConsoleClient(port,
				"tenant=" + tenant + ";user=" + Ids.newId() + ";authorities=tenant:read");
		assertThat(viewer.get("/portal/ledgers").statusCode()).isEqualTo(403);
		assertThat(viewer.get(portal + "/reports/trial-balance/csv").statusCode()).isEqualTo(403);
		TenantId other = tenants.create(new CreateTenant(ApiTestSupport.slug("other"), "Other", "en", "UTC", "EUR"))
			.id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> ApiTestSupport.asTenant(other, () -> tenants.find(other))
				.orElseThrow()
				.status() == TenantStatus.ACTIVE);
		ConsoleClient stranger = new ConsoleClient(port,
				"tenant=" + other + ";user=" + Ids.newId() + ";authorities=ledger:read");
		assertThat(stranger.get(portal).statusCode()).isEqualTo(404);
		assertThat(stranger.get(portal + "/accounts/" + books.bank).statusCode()).isEqualTo(404);
		assertThat(stranger.get(portal + "/reports/balance-sheet/csv").statusCode()).isEqualTo(404);
		assertThat(stranger.page("/portal/ledgers").select("#ledger-list a")).isEmpty();
	}

	@Test
	void operatorsPickATenantAndExploreItsEntries() {
		HttpResponse<String> picked = operator.get("/admin/ledgers?tenant=" + slug);
		assertThat(picked.statusCode()).isEqualTo(302);
		assertThat(picked.headers().firstValue("Location").orElse("")).endsWith("/admin/ledgers/" + tenant);
		assertThat(operator.page("/admin/ledgers?tenant=no-such-tenant").select(".alert-warning")).hasSize(1);
		assertThat(operator.page("/admin/ledgers/" + tenant).select("#ledger-list a").eachText())
			.containsExactly("books");
		assertThat(operator.page(admin).select(".account-row")).hasSize(9);

		Document all = operator.page(admin + "/entries");
		assertThat(all.select(".entry-row")).hasSize(25);
		assertThat(operator.page(admin + "/entries?reference=bulk").select(".entry-row")).hasSize(25);
		Document bulk = operator.page(admin + "/entries?reference=bulk");
		String more = bulk.select("#entries-more a").attr("href");
		// table rows only parse inside a table
		Document rest = Jsoup.parse("<table><tbody>" + operator.htmx(more, "entries-more").body() + "</tbody></table>");
		assertThat(rest.select(".entry-row")).hasSize(5);
		assertThat(rest.select("#entries-more")).isEmpty();

		assertThat(operator.page(admin + "/entries?account=" + books.bank).select(".entry-row")).hasSize(5);
		// by code too, suggested in the field
		assertThat(all.select("#entry-account-options option")).hasSize(9);
		assertThat(operator.page(admin + "/entries?account=1010").select(".entry-row")).hasSize(5);
		Document unknown = operator.page(admin + "/entries?account=9999&lang=en");
		assertThat(unknown.select(".field-error").text())
			.isEqualTo("Enter the code or id of an account of this ledger.");
		assertThat(unknown.select(".entry-row")).isEmpty();
		assertThat(all.select(".entry-row .ledger-posting").eachText())
			.allMatch(posting -> posting.matches("\\d{4} .*"));
		assertThat(operator.page(admin + "/entries?from=2026-03-01&to=2026-03-31").select(".entry-row")).hasSize(3);
		assertThat(operator.page(admin + "/entries?metadata=%7B%22amount%22%3A30000%7D")
			.select(".entry-row td")
			.get(4)
			.text()).isEqualTo("Invoice 1");
		HttpResponse<String> filtered = operator.htmx(admin + "/entries?reference=ref-12000", "ledger-entries");
		assertThat(ConsoleClient.fragment(filtered).select(".entry-row")).hasSize(1);
		Document badMetadata = operator.page(admin + "/entries?metadata=nope&lang=en");
		assertThat(badMetadata.select(".field-error").text()).contains("JSON object");

		Document entry = operator.page(admin + "/entries/" + laptop + "?lang=en");
		assertThat(entry.select(".posting-row")).hasSize(2);
		// the platform's log of cross-tenant access names the page that was read
		ConsoleClient auditor = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=audit:read");
		assertThat(auditor.page("/admin/audit?action=platform.cross_tenant_access&limit=50")
			.select("#audit-rows code")
			.eachText()).anySatisfy(reason -> assertThat(reason).contains(admin + "/entries/" + laptop));
		assertThat(texts(entry.select(".posting-row").first().select("td"))).containsExactly("1500", "EUR", "500.00",
				"", "", "500.00");

		Document trial = operator.page(admin + "/reports/trial-balance?asOf=2026-03-30&lang=en");
		assertThat(trial.select("table.trial-balance").first().select("tfoot td").eachText())
			.containsExactly("1,800.00", "1,800.00");
		HttpResponse<String> csv = operator.get(admin + "/reports/balance-sheet/csv?asOf=2026-03-30");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.body()).contains("EUR,asset,total,,,,,1650.00,");
		assertThat(operator.page(admin + "/accounts/" + books.bank + "?from=2026-02-01&to=2026-04-30")
			.select(".statement-row")).hasSize(4);
	}

	@Test
	void theOperatorPagesRefuseWithoutThePermissionAndKeepTenantsApart() {
		ConsoleClient without = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=tenants:read");
		assertThat(without.get("/admin/ledgers").statusCode()).isEqualTo(403);
		assertThat(without.get(admin + "/entries").statusCode()).isEqualTo(403);
		assertThat(reader.get("/admin/ledgers/" + tenant).statusCode()).isEqualTo(403);
		// this tenant's ledger under another tenant's URL, and an unknown tenant
		TenantId other = tenants.create(new CreateTenant(ApiTestSupport.slug("else"), "Else", "en", "UTC", "EUR")).id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> ApiTestSupport.asTenant(other, () -> tenants.find(other))
				.orElseThrow()
				.status() == TenantStatus.ACTIVE);
		assertThat(operator.get("/admin/ledgers/" + other + "/" + books.ledger).statusCode()).isEqualTo(404);
		assertThat(operator.get("/admin/ledgers/" + other + "/" + books.ledger + "/entries/" + laptop).statusCode())
			.isEqualTo(404);
		assertThat(operator.get("/admin/ledgers/" + Ids.newId()).statusCode()).isEqualTo(404);
		assertThat(operator.get("/admin/ledgers/not-a-tenant").statusCode()).isEqualTo(404);
	}

}
