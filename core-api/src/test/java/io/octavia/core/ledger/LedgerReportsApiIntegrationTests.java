package io.octavia.core.ledger;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static io.octavia.core.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports over HTTP on {@link LedgerBooks}: exact numbers of every report on both
 * time axes (back-dated entry, pending entry left out, reversal), roll-ups by category
 * and parent, pagination of statements, CSV, and callers who may not read.
 */
@OctaviaIntegrationTest
class LedgerReportsApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	LedgerManagement ledgers;

	ApiTestSupport api;

	LedgerBooks books;

	String caller;

	String base;

	@BeforeEach
	void books() {
		api = new ApiTestSupport(port, tenants);
		books = new LedgerBooks(ledgers, new TenantId(Ids.newId()));
		caller = ApiTestSupport.tenantCaller(books.tenant, "ledger:read");
		base = "/api/v1/ledgers/" + books.ledger;
	}

	JsonNode get(String path) {
		HttpResponse<String> response = api.get(path, caller);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	/** code → [debit, credit] of a trial balance section. */
	static String lines(JsonNode section) {
		StringBuilder shown = new StringBuilder();
		for (JsonNode line : section.get("lines")) {
			shown.append(line.get("code").asString())
				.append('=')
				.append(line.get("debit").asLong())
				.append('/')
				.append(line.get("credit").asLong())
				.append(' ');
		}
		return shown.toString().strip();
	}

	@Test
	void trialBalanceOnTheEffectiveAxisCountsBackDatedEntriesAndNoPendingOnes() {
		JsonNode report = get(base + "/reports/trial-balance?asOf=2026-03-31T00:00:00Z");
		assertThat(report.get("axis").asString()).isEqualTo("EFFECTIVE");
		JsonNode eur = report.get("currencies").get(0);
		assertThat(eur.get("currency").asString()).isEqualTo("EUR");
		assertThat(eur.get("exponent").asInt()).isEqualTo(2);
		assertThat(lines(eur))
			.isEqualTo("1000=88000/0 1010=27000/0 1500=50000/0 2000=0/50000 3000=0/100000 4000=0/30000 5000=15000/0");
		assertThat(eur.get("totalDebits").asLong()).isEqualTo(180000);
		assertThat(eur.get("totalCredits").asLong()).isEqualTo(180000);
		assertThat(eur.get("balanced").asBoolean()).isTrue();
		JsonNode jpy = report.get("currencies").get(1);
		assertThat(jpy.get("exponent").asInt()).isZero();
		assertThat(lines(jpy)).isEqualTo("1100=500/0 3100=0/500");

		// the back-dated rent (recorded last, effective 1 February) is in February
		// already
		JsonNode february = get(base + "/reports/trial-balance?asOf=2026-02-28T00:00:00Z").get("currencies").get(0);
		assertThat(lines(february))
			.isEqualTo("1000=100000/0 1010=27000/0 1500=0/0 2000=0/0 3000=0/100000 4000=0/30000 5000=3000/0");
		// after the reversal, the refunded invoice is gone; the pending one never counted
		JsonNode may = get(base + "/reports/trial-balance?asOf=2026-05-01T00:00:00Z&axis=effective").get("currencies")
			.get(0);
		assertThat(lines(may))
			.isEqualTo("1000=88000/0 1010=27000/0 1500=50000/0 2000=0/50000 3000=0/100000 4000=0/30000 5000=15000/0");
		JsonNode before = get(base + "/reports/trial-balance?asOf=2025-12-31T00:00:00Z").get("currencies").get(0);
		assertThat(before.get("totalDebits").asLong()).isZero();
	}

	@Test
	void trialBalanceOnTheRecordedAxisSeesWhatTheLedgerKnewThen() {
		JsonNode mark = get(base + "/reports/trial-balance?axis=recorded&asOf=" + books.recordedMark);
		assertThat(mark.get("axis").asString()).isEqualTo("RECORDED");
		// the first four entries; the late rent was not known yet
		assertThat(lines(mark.get("currencies").get(0)))
			.isEqualTo("1000=88000/0 1010=30000/0 1500=50000/0 2000=0/50000 3000=0/100000 4000=0/30000 5000=12000/0");
		JsonNode now = get(base + "/reports/trial-balance?axis=recorded").get("currencies").get(0);
		assertThat(lines(now))
			.isEqualTo("1000=88000/0 1010=27000/0 1500=50000/0 2000=0/50000 3000=0/100000 4000=0/30000 5000=15000/0");
	}

	@Test
	void balanceSheetRollsUpByCategoryAndParentAndBalancesWithCurrentEarnings() {
		JsonNode eur = get(base + "/reports/balance-sheet?asOf=2026-03-31T00:00:00Z").get("currencies").get(0);
		JsonNode assets = eur.get("assets");
		assertThat(assets.get("total").asLong()).isEqualTo(165000);
		JsonNode current = assets.get("categories").get(0);
		assertThat(current.get("name").asString()).isEqualTo("current-assets");
		assertThat(current.get("total").asLong()).isEqualTo(115000);
		JsonNode cash = current.get("accounts").get(0);
		assertThat(cash.get("code").asString()).isEqualTo("1000");
		assertThat(cash.get("depth").asInt()).isZero();
		assertThat(cash.get("amount").asLong()).isEqualTo(88000);
		assertThat(cash.get("rollup").asLong()).isEqualTo(115000);
		JsonNode bank = current.get("accounts").get(1);
		assertThat(bank.get("code").asString()).isEqualTo("1010");
		assertThat(bank.get("depth").asInt()).isEqualTo(1);
		assertThat(bank.get("rollup").asLong()).isEqualTo(27000);
		assertThat(assets.get("categories").get(1).get("name").asString()).isEqualTo("fixed-assets");
		assertThat(assets.get("categories").get(1).get("total").asLong()).isEqualTo(50000);
		assertThat(eur.get("liabilities").get("total").asLong()).isEqualTo(50000);
		assertThat(eur.get("equity").get("total").asLong()).isEqualTo(100000);
		assertThat(eur.get("currentEarnings").asLong()).isEqualTo(15000);
		assertThat(eur.get("liabilitiesAndEquity").asLong()).isEqualTo(165000);
		assertThat(eur.get("balanced").asBoolean()).isTrue();

		JsonNode jpy = get(base + "/reports/balance-sheet?asOf=2026-03-31T00:00:00Z").get("currencies").get(1);
		assertThat(jpy.get("equity").get("categories").get(0).get("name").isNull()).isTrue();
		assertThat(jpy.get("assets").get("total").asLong()).isEqualTo(500);

		JsonNode recorded = get(base + "/reports/balance-sheet?axis=recorded&asOf=" + books.recordedMark)
			.get("currencies")
			.get(0);
		assertThat(recorded.get("assets").get("total").asLong()).isEqualTo(168000);
		assertThat(recorded.get("currentEarnings").asLong()).isEqualTo(18000);
		assertThat(recorded.get("balanced").asBoolean()).isTrue();
	}

	@Test
	void incomeStatementIsTheMovementOfAHalfOpenPeriod() {
		JsonNode eur = get(base + "/reports/income-statement?from=2026-02-01T00:00:00Z&to=2026-04-30T00:00:00Z")
			.get("currencies")
			.get(0);
		assertThat(eur.get("revenue").get("total").asLong()).isEqualTo(30000);
		assertThat(eur.get("expenses").get("total").asLong()).isEqualTo(15000);
		assertThat(eur.get("expenses").get("categories").get(0).get("name").asString()).isEqualTo("operating");
		assertThat(eur.get("netIncome").asLong()).isEqualTo(15000);
		// from is included, to excluded: the rent of 1 February 00:00 moves between them
		JsonNode later = get(base + "/reports/income-statement?from=2026-02-01T00:00:01Z&to=2026-04-30T00:00:00Z")
			.get("currencies")
			.get(0);
		assertThat(later.get("netIncome").asLong()).isEqualTo(18000);
		JsonNode january = get(base + "/reports/income-statement?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z")
			.get("currencies")
			.get(0);
		assertThat(january.get("expenses").get("total").asLong()).isZero();
		// the second invoice before its reversal, then both
		assertThat(get(base + "/reports/income-statement?from=2026-04-01T00:00:00Z&to=2026-04-08T00:00:00Z")
			.get("currencies")
			.get(0)
			.get("revenue")
			.get("total")
			.asLong()).isEqualTo(5000);
		assertThat(get(base + "/reports/income-statement?from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z")
			.get("currencies")
			.get(0)
			.get("revenue")
			.get("total")
			.asLong()).isZero();
		// on the recorded axis: what the ledger learnt after the mark (the pending entry
		// never counts)
		JsonNode learnt = get(base + "/reports/income-statement?axis=recorded&from=" + books.recordedMark
				+ "&to=2100-01-01T00:00:00Z")
			.get("currencies")
			.get(0);
		assertThat(learnt.get("revenue").get("total").asLong()).isZero();
		assertThat(learnt.get("expenses").get("total").asLong()).isEqualTo(3000);
		assertThat(learnt.get("netIncome").asLong()).isEqualTo(-3000);
		HttpResponse<String> backwards = api
			.get(base + "/reports/income-statement?from=2026-05-01T00:00:00Z&to=2026-04-01T00:00:00Z", caller);
		assertThat(backwards.statusCode()).isEqualTo(400);
		assertThat(ApiTestSupport.fieldErrors(backwards)).containsKey("to");
	}

	@Test
	void statementShowsOpeningRunningAndClosingBalancesAPageAtATime() {
		String url = base + "/accounts/" + books.bank
				+ "/statement?from=2026-02-01T00:00:00Z&to=2026-05-01T00:00:00Z&limit=2";
		JsonNode first = get(url);
		assertThat(first.get("openingBalance").asLong()).isZero();
		assertThat(first.get("closingBalance").asLong()).isEqualTo(27000);
		assertThat(first.get("totalDebits").asLong()).isEqualTo(35000);
		assertThat(first.get("totalCredits").asLong()).isEqualTo(8000);
		assertThat(first.get("lines")).hasSize(2);
		assertThat(first.get("lines").get(0).get("credit").asLong()).isEqualTo(3000);
		assertThat(first.get("lines").get(0).get("balance").asLong()).isEqualTo(-3000);
		assertThat(first.get("lines").get(1).get("debit").asLong()).isEqualTo(30000);
		assertThat(first.get("lines").get(1).get("balance").asLong()).isEqualTo(27000);
		JsonNode second = get(url + "&cursor=" + first.get("nextCursor").asString());
		assertThat(second.get("lines")).hasSize(2);
		assertThat(second.get("lines").get(0).get("description").asString()).isEqualTo("Invoice 2");
		assertThat(second.get("lines").get(0).get("balance").asLong()).isEqualTo(32000);
		assertThat(second.get("lines").get(1).get("kind").asString()).isEqualTo("standard");
		assertThat(second.get("lines").get(1).get("balance").asLong()).isEqualTo(27000);
		assertThat(second.get("nextCursor").isNull()).isTrue();

		// the same account on the recorded axis: in the order the ledger learnt of it
		JsonNode recorded = get(base + "/accounts/" + books.bank + "/statement?axis=recorded&from=2020-01-01T00:00:00Z"
				+ "&to=2100-01-01T00:00:00Z");
		assertThat(recorded.get("lines").findValues("balance").stream().map(JsonNode::asLong)).containsExactly(30000L,
				35000L, 30000L, 27000L);
		JsonNode later = get(
				base + "/accounts/" + books.bank + "/statement?from=2026-03-01T00:00:00Z&to=2026-04-06T00:00:00Z");
		assertThat(later.get("openingBalance").asLong()).isEqualTo(27000);
		assertThat(later.get("closingBalance").asLong()).isEqualTo(32000);
		assertThat(api.get(url + "&cursor=nonsense", caller).statusCode()).isEqualTo(400);
	}

	@Test
	void everyReportDownloadsAsCsvWithDecimalAmountsAndDefusedText() {
		HttpResponse<String> response = api.get(base + "/reports/trial-balance?asOf=2026-03-31T00:00:00Z", caller,
				"Accept", "text/csv");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
			.isEqualTo("attachment; filename=\"trial-balance-2026-03-31.csv\"");
		assertThat(response.body().split("\r\n")).containsExactly(
				"currency,row,account_code,account_name,type,category,debit,credit",
				"EUR,account,1000,Cash,asset,current-assets,880.00,0.00",
				"EUR,account,1010,Bank,asset,current-assets,270.00,0.00",
				"EUR,account,1500,Equipment,asset,fixed-assets,500.00,0.00",
				"EUR,account,2000,\"'=HYPERLINK(\"\"http://evil\"\",\"\"Payables\"\")\",liability,current-liabilities,0.00,500.00",
				"EUR,account,3000,Capital,equity,capital,0.00,1000.00",
				"EUR,account,4000,Sales,revenue,sales,0.00,300.00",
				"EUR,account,5000,Rent,expense,operating,150.00,0.00", "EUR,total,,,,,1800.00,1800.00",
				"JPY,account,1100,Yen cash,asset,current-assets,500,0", "JPY,account,3100,Yen capital,equity,,0,500",
				"JPY,total,,,,,500,500");

		String sheet = api.get(base + "/reports/balance-sheet?asOf=2026-03-31T00:00:00Z&format=csv", caller).body();
		assertThat(sheet.split("\r\n")).contains("EUR,asset,account,current-assets,1000,Cash,0,880.00,1150.00",
				"EUR,asset,account,current-assets,1010,Bank,1,270.00,270.00",
				"EUR,asset,category,current-assets,,,,1150.00,", "EUR,asset,total,,,,,1650.00,",
				"EUR,equity,current_earnings,,,,,150.00,", "EUR,,liabilities_and_equity,,,,,1650.00,");

		String income = api
			.get(base + "/reports/income-statement?from=2026-02-01T00:00:00Z&to=2026-04-30T00:00:00Z&format=csv",
					caller)
			.body();
		assertThat(income.split("\r\n")).contains("EUR,revenue,total,,,,,300.00,", "EUR,expense,total,,,,,150.00,",
				"EUR,,net_income,,,,,150.00,");

		HttpResponse<String> statement = api.get(
				base + "/accounts/" + books.bank
						+ "/statement?from=2026-02-01T00:00:00Z&to=2026-05-01T00:00:00Z&limit=1",
				caller, "Accept", "text/csv");
		assertThat(statement.headers().firstValue("Content-Disposition").orElse(""))
			.isEqualTo("attachment; filename=\"statement-1010-2026-02-01.csv\"");
		List<String> rows = List.of(statement.body().split("\r\n"));
		assertThat(rows).hasSize(7);
		assertThat(rows.get(1)).isEqualTo("1010,EUR,opening,2026-02-01T00:00:00Z,,,,,,,,0.00");
		assertThat(rows.get(2)).startsWith("1010,EUR,posting,2026-02-01T00:00:00Z,")
			.endsWith(",standard,Rent February (late),ref-3000,0.00,30.00,-30.00");
		assertThat(rows.get(6)).isEqualTo("1010,EUR,closing,2026-05-01T00:00:00Z,,,,,,350.00,80.00,270.00");
		assertThat(api.get(base + "/reports/trial-balance?format=xml", caller).statusCode()).isEqualTo(400);
	}

	@Test
	void otherTenantsAndCallersWithoutTheReadPermissionSeeNothing() {
		String stranger = ApiTestSupport.tenantCaller(new TenantId(Ids.newId()), "ledger:read");
		HttpResponse<String> theirs = api.get(base + "/reports/trial-balance", stranger);
		assertThat(theirs.statusCode()).isEqualTo(404);
		assertThat(json(theirs).get("code").asString()).isEqualTo("ledger_not_found");
		assertThat(api.get(base + "/reports/balance-sheet", stranger).statusCode()).isEqualTo(404);
		assertThat(
				api.get(base + "/reports/income-statement?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z", stranger)
					.statusCode())
			.isEqualTo(404);
		HttpResponse<String> statement = api.get(
				base + "/accounts/" + books.bank + "/statement?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z",
				stranger);
		assertThat(statement.statusCode()).isEqualTo(404);
		assertThat(json(statement).get("code").asString()).isEqualTo("ledger_account_not_found");
		String viewer = ApiTestSupport.tenantCaller(books.tenant, "tenant:read");
		assertThat(api.get(base + "/reports/trial-balance", viewer).statusCode()).isEqualTo(403);

		String operator = ApiTestSupport.operator("ledger:read");
		HttpResponse<String> operated = api.get("/api/v1/tenants/" + books.tenant + "/ledgers/" + books.ledger
				+ "/reports/trial-balance?asOf=2026-03-31T00:00:00Z", operator);
		assertThat(operated.statusCode()).as(operated.body()).isEqualTo(200);
		assertThat(json(operated).get("currencies").get(0).get("totalDebits").asLong()).isEqualTo(180000);
		assertThat(api
			.get("/api/v1/tenants/" + Ids.newId() + "/ledgers/" + books.ledger + "/reports/trial-balance", operator)
			.statusCode()).isEqualTo(404);
		assertThat(api.get(base + "/reports/trial-balance", operator).statusCode()).isEqualTo(403);
	}

	@Test
	void accountsWhoseParentsFormALoopAreStillCounted() {
		TenantContext.call(TenantContext.Scope.tenant(books.tenant, "test"), () -> {
			LedgerId loop = ledgers.createLedger(new CreateLedger("loop", "Loop", List.of("EUR"), null)).id();
			AccountId first = ledgers
				.openAccount(
						new CreateAccount(loop, "1", "First", AccountType.ASSET, null, "EUR", null, null, null, null))
				.id();
			AccountId second = ledgers
				.openAccount(
						new CreateAccount(loop, "2", "Second", AccountType.ASSET, null, "EUR", null, first, null, null))
				.id();
			AccountId equity = ledgers
				.openAccount(
						new CreateAccount(loop, "3", "Equity", AccountType.EQUITY, null, "EUR", null, null, null, null))
				.id();
			ledgers.updateAccount(first,
					current -> new UpdateAccount(current.name(), null, second, null, current.bounds()));
			ledgers.post(PostEntry.of(loop, List.of(PostingLine.debit(first, 70), PostingLine.debit(second, 30),
					PostingLine.credit(equity, 100)), null));
			base = "/api/v1/ledgers/" + loop;
			return loop;
		});
		JsonNode eur = get(base + "/reports/balance-sheet").get("currencies").get(0);
		assertThat(eur.get("assets").get("total").asLong()).isEqualTo(100);
		JsonNode rows = eur.get("assets").get("categories").get(0).get("accounts");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).get("code").asString()).isEqualTo("1");
		assertThat(rows.get(0).get("rollup").asLong()).isEqualTo(100);
		assertThat(rows.get(1).get("depth").asInt()).isEqualTo(1);
		assertThat(eur.get("balanced").asBoolean()).isTrue();
	}

}
