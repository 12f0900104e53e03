package io.octavia.core.console;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.ledger.AccountType;
import io.octavia.core.ledger.CreateAccount;
import io.octavia.core.ledger.CreateLedger;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.LedgerManagement;
import io.octavia.core.ledger.PostEntry;
import io.octavia.core.ledger.PostingLine;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's ledger integrity page: choose a tenant and ledger, verify the chain and
 * check the invariants with htmx (and without), refusals for callers without
 * {@code ledger:admin}.
 */
@OctaviaIntegrationTest
class AdminLedgerIntegrityConsoleIntegrationTests {

	static final String PAGE = "/admin/ledger-integrity";

	@LocalServerPort
	int port;

	@Autowired
	LedgerManagement ledger;

	TenantId tenant = new TenantId(Ids.newId());

	<T> T as(Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), work::get);
	}

	LedgerId aLedgerWithAnEntry() {
		LedgerId book = as(() -> ledger.createLedger(new CreateLedger("books", "Books", null, null))).id();
		var cash = as(() -> ledger.openAccount(
				new CreateAccount(book, "1000", "Cash", AccountType.ASSET, null, "EUR", null, null, null, null)));
		var sales = as(() -> ledger.openAccount(
				new CreateAccount(book, "4000", "Sales", AccountType.REVENUE, null, "EUR", null, null, null, null)));
		as(() -> ledger.post(PostEntry.of(book,
				List.of(PostingLine.debit(cash.id(), 500), PostingLine.credit(sales.id(), 500)), null)));
		return book;
	}

	@Test
	void anOperatorVerifiesTheChainAndChecksTheInvariantsOfATenantsLedger() {
		LedgerId book = aLedgerWithAnEntry();
		ConsoleClient operator = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=ledger:admin");

		Document home = operator.page(PAGE);
		assertThat(home.select("a[href='" + PAGE + "']")).as("navigation").isNotEmpty();
		assertThat(home.select("#integrity-actions")).isEmpty();

		Document chosen = operator.page(PAGE + "?tenant=" + tenant);
		assertThat(chosen.select("#integrity-ledger option").attr("value")).isEqualTo(book.toString());
		assertThat(chosen.select("#integrity-verify").attr("hx-post")).isEqualTo(PAGE + "/chain-verification");

		HttpResponse<String> checked = operator.post(PAGE + "/invariant-check",
				Map.of("tenant", tenant.toString(), "ledger", book.toString()), "HX-Request", "true");
		assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
		Document report = ConsoleClient.fragment(checked);
		assertThat(report.select("#invariants-hold").text()).contains("2");
		assertThat(report.select("header")).as("a fragment, not the page").isEmpty();

		HttpResponse<String> verified = operator.post(PAGE + "/chain-verification", Map.of("tenant", tenant.toString()),
				"HX-Request", "true");
		assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
		assertThat(ConsoleClient.fragment(verified).select("#chain-intact")).isNotEmpty();

		// without JavaScript: the whole page with the result
		HttpResponse<String> page = operator.post(PAGE + "/invariant-check",
				Map.of("tenant", tenant.toString(), "ledger", book.toString()));
		assertThat(page.statusCode()).isEqualTo(200);
		Document whole = ConsoleClient.html(page);
		assertThat(whole.select("#invariants-hold")).isNotEmpty();
		assertThat(whole.select("#integrity-ledger option[selected]").attr("value")).isEqualTo(book.toString());

		// hostile input: a malformed tenant, a ledger of nobody
		Document invalid = operator.page(PAGE + "?tenant=not-a-uuid");
		assertThat(invalid.select("#integrity-tenant-error")).isNotEmpty();
		Document unknown = ConsoleClient.fragment(operator.post(PAGE + "/invariant-check",
				Map.of("tenant", tenant.toString(), "ledger", Ids.newId().toString()), "HX-Request", "true"));
		assertThat(unknown.select(".alert-error")).isNotEmpty();
		assertThat(unknown.select("#invariants-hold")).isEmpty();
	}

	@Test
	void callersWithoutLedgerAdminAreRefused() {
		ConsoleClient reader = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=ledger:read");
		assertThat(reader.get(PAGE).statusCode()).isEqualTo(403);
		assertThat(reader.post(PAGE + "/chain-verification", Map.of("tenant", tenant.toString()), "HX-Request", "true")
			.statusCode()).isEqualTo(403);
		ConsoleClient operator = new ConsoleClient(port, "user=" + Ids.newId() + ";authorities=ledger:admin");
		assertThat(operator.postWithoutToken(PAGE + "/chain-verification", Map.of("tenant", tenant.toString()))
			.statusCode()).as("no CSRF token").isEqualTo(403);
	}

}
