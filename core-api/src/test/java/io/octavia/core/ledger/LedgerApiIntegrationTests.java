package io.octavia.core.ledger;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static io.octavia.core.api.ApiTestSupport.fieldErrors;
import static io.octavia.core.api.ApiTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger over HTTP: problems callers can act on, Idempotency-Key on entries (also
 * under 50 concurrent retries), bulk in both modes, balances as of a time, the account
 * listing's pages and filters, permissions and tenant isolation.
 */
@OctaviaIntegrationTest
class LedgerApiIntegrationTests {

	static final String ALL = "ledger:read,ledger:write,ledger:admin";

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	ApiTestSupport api;

	TenantId tenant = new TenantId(Ids.newId());

	String caller;

	String base;

	String cash;

	String revenue;

	String wallet;

	@BeforeEach
	void aLedgerWithAccounts() {
		api = new ApiTestSupport(port, tenants);
		caller = ApiTestSupport.tenantCaller(tenant, ALL);
		HttpResponse<String> created = api.post("/api/v1/ledgers", caller,
				json(Map.of("code", "main", "name", "Main", "currencies", List.of("EUR", "USD"))));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		base = "/api/v1/ledgers/" + json(created).get("id").asString();
		cash = account("1000", "asset", "EUR", Map.of());
		revenue = account("4000", "revenue", "EUR", Map.of());
		wallet = account("2000", "liability", "EUR", Map.of("debitsMustNotExceedCredits", true));
	}

	String account(String code, String type, String currency, Map<String, Object> bounds) {
		HttpResponse<String> response = api.post(base + "/accounts", caller, json(
				Map.of("code", code, "name", "Account " + code, "type", type, "currency", currency, "bounds", bounds)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response).get("id").asString();
	}

	static String entry(String debit, String credit, long amount) {
		return json(Map.of("postings", List.of(Map.of("accountId", debit, "direction", "debit", "amount", amount),
				Map.of("accountId", credit, "direction", "credit", "amount", amount))));
	}

	long entryCount() {
		return json(api.get(base + "/entries?limit=200", caller)).get("items").size();
	}

	@Test
	void anEntryIsWrittenAndAnswersWithTheNewBalances() {
		HttpResponse<String> response = api.post(base + "/entries", caller, entry(cash, revenue, 1999));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode body = json(response);
		assertThat(body.get("entry").get("postings")).hasSize(2);
		assertThat(body.get("balances").get(0).get("posted").asLong()).isEqualTo(1999);
		assertThat(body.get("entry").get("status").asString()).isEqualTo("posted");
		JsonNode balance = json(api.get(base + "/accounts/" + revenue + "/balance", caller));
		assertThat(balance.get("available").asLong()).isEqualTo(1999);
		JsonNode before = json(
				api.get(base + "/accounts/" + revenue + "/balance?asOf=2020-01-01T00:00:00Z&axis=recorded", caller));
		assertThat(before.get("posted").asLong()).isZero();
	}

	@Test
	void invalidEntriesAreClearProblemsAndWriteNothing() {
		Map<String, String> refusals = Map.of(entry(cash, revenue, 0), "validation_failed",
				json(Map.of("postings",
						List.of(Map.of("accountId", cash, "direction", "debit", "amount", 5),
								Map.of("accountId", revenue, "direction", "credit", "amount", 4)))),
				"ledger_entry_unbalanced", entry(Ids.newId().toString(), revenue, 5), "ledger_account_unknown",
				entry(wallet, revenue, 5), "ledger_balance_insufficient");
		refusals.forEach((body, code) -> {
			HttpResponse<String> response = api.post(base + "/entries", caller, body);
			assertThat(response.statusCode()).as(response.body()).isBetween(400, 422);
			assertThat(json(response).get("code").asString()).isEqualTo(code);
		});
		HttpResponse<String> insufficient = api.post(base + "/entries", caller, entry(wallet, revenue, 5));
		assertThat(insufficient.statusCode()).isEqualTo(422);
		assertThat(json(insufficient).get("accountId").asString()).isEqualTo(wallet);
		assertThat(json(insufficient).get("requested").asLong()).isEqualTo(5);
		assertThat(json(insufficient).get("available").asLong()).isZero();
		assertThat(entryCount()).isZero();
	}

	@Test
	void theSameIdempotencyKeyFiftyTimesInParallelWritesOneEntry() throws Exception {
		String key = "pay-" + Ids.newId();
		String body = entry(cash, revenue, 700);
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			calls.add(() -> api.post(base + "/entries", caller, body, "Idempotency-Key", key));
		}
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
			for (Future<HttpResponse<String>> response : pool.invokeAll(calls)) {
				statuses.add(response.get().statusCode());
			}
		}
		// the first writes (201); the others replay it (201/200) or were told to retry
		// (409 in progress)
		assertThat(statuses).allMatch(status -> status == 201 || status == 200 || status == 409);
		assertThat(entryCount()).isOne();
		HttpResponse<String> replay = api.post(base + "/entries", caller, body, "Idempotency-Key", key);
		assertThat(replay.statusCode()).isIn(200, 201);
		HttpResponse<String> other = api.post(base + "/entries", caller, entry(cash, revenue, 701), "Idempotency-Key",
				key);
		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(entryCount()).isOne();
		assertThat(json(api.get(base + "/accounts/" + cash + "/balance", caller)).get("posted").asLong())
			.isEqualTo(700);
	}

	@Test
	void bulkAtomicRefusesAllIndependentWritesEach() {
		String good = entry(cash, revenue, 10);
		String bad = entry(wallet, revenue, 10);
		String entries = "[" + good + "," + bad + "," + good + "]";
		HttpResponse<String> atomic = api.post(base + "/entries/bulk", caller, "{\"entries\":" + entries + "}");
		assertThat(atomic.statusCode()).as(atomic.body()).isEqualTo(422);
		assertThat(json(atomic).get("code").asString()).isEqualTo("ledger_bulk_refused");
		assertThat(json(atomic).get("errors").get(0).get("index").asInt()).isEqualTo(1);
		assertThat(entryCount()).isZero();
		HttpResponse<String> independent = api.post(base + "/entries/bulk", caller,
				"{\"mode\":\"independent\",\"entries\":" + entries + "}");
		assertThat(independent.statusCode()).as(independent.body()).isEqualTo(200);
		assertThat(json(independent).get("items").get(1).get("problem").get("code").asString())
			.isEqualTo("ledger_balance_insufficient");
		assertThat(entryCount()).isEqualTo(2);
	}

	@Test
	void pendingEntriesArePostedOrVoidedOverTheApi() {
		String hold = json(Map.of("pending", true, "timeoutSeconds", 3600, "postings",
				List.of(Map.of("accountId", cash, "direction", "debit", "amount", 300),
						Map.of("accountId", revenue, "direction", "credit", "amount", 300))));
		JsonNode pending = json(api.post(base + "/entries", caller, hold)).get("entry");
		assertThat(pending.get("status").asString()).isEqualTo("pending");
		String id = pending.get("id").asString();
		HttpResponse<String> posted = api.post(base + "/entries/" + id + "/post", caller,
				json(Map.of("amounts", List.of(100, 100))));
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
		assertThat(api.post(base + "/entries/" + id + "/void", caller, "{}").statusCode()).isEqualTo(409);
		assertThat(json(api.get(base + "/accounts/" + cash + "/balance", caller)).get("posted").asLong())
			.isEqualTo(100);
		HttpResponse<String> reversal = api
			.post(base + "/entries/" + json(posted).get("entry").get("id").asString() + "/reversal", caller, "{}");
		assertThat(reversal.statusCode()).as(reversal.body()).isEqualTo(201);
		assertThat(json(api.get(base + "/accounts/" + cash + "/balance", caller)).get("posted").asLong()).isZero();
	}

	@Test
	void periodsCloseAndNeedTheAdminPermissionToReopen() {
		String period = json(api.post(base + "/periods", caller,
				json(Map.of("name", "2025", "startsAt", "2025-01-01T00:00:00Z", "endsAt", "2026-01-01T00:00:00Z"))))
			.get("id")
			.asString();
		assertThat(api.post(base + "/periods/" + period + "/closure", caller, "{}").statusCode()).isEqualTo(200);
		String backDated = json(Map.of("effectiveAt", "2025-06-01T00:00:00Z", "postings",
				List.of(Map.of("accountId", cash, "direction", "debit", "amount", 5),
						Map.of("accountId", revenue, "direction", "credit", "amount", 5))));
		HttpResponse<String> refused = api.post(base + "/entries", caller, backDated);
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(json(refused).get("code").asString()).isEqualTo("ledger_period_closed");
		String writer = ApiTestSupport.tenantCaller(tenant, "ledger:read,ledger:write");
		assertThat(api.delete(base + "/periods/" + period + "/closure", writer).statusCode()).isEqualTo(403);
		assertThat(api.delete(base + "/periods/" + period + "/closure", caller).statusCode()).isEqualTo(200);
		assertThat(api.post(base + "/entries", caller, backDated).statusCode()).isEqualTo(201);
	}

	@Test
	void accountsChangeAndCloseButNeverLoseTheirHistory() {
		assertThat(api.post(base + "/entries", caller, entry(cash, revenue, 50)).statusCode()).isEqualTo(201);
		HttpResponse<String> changed = api.patch(base + "/accounts/" + cash, caller,
				"{\"name\":\"Cash at bank\",\"category\":\"current-assets\",\"bounds\":{\"overdraftLimit\":10}}");
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
		assertThat(json(changed).get("name").asString()).isEqualTo("Cash at bank");
		assertThat(json(changed).get("currency").asString()).isEqualTo("EUR");
		// 50 posted, 10 of overdraft: 61 is too much, 60 is not
		HttpResponse<String> tooMuch = api.post(base + "/entries", caller, entry(revenue, cash, 61));
		assertThat(json(tooMuch).get("code").asString()).isEqualTo("ledger_balance_insufficient");
		assertThat(json(tooMuch).get("available").asLong()).isEqualTo(60);
		assertThat(api.post(base + "/entries", caller, entry(revenue, cash, 60)).statusCode()).isEqualTo(201);
		assertThat(api.post(base + "/accounts/" + cash + "/closure", caller, "{}").statusCode()).isEqualTo(200);
		HttpResponse<String> closed = api.post(base + "/entries", caller, entry(cash, revenue, 1));
		assertThat(json(closed).get("code").asString()).isEqualTo("ledger_account_closed");
		assertThat(json(api.get(base + "/entries?accountId=" + cash, caller)).get("items")).hasSize(2);
		assertThat(api.delete(base + "/accounts/" + cash, caller).statusCode()).isEqualTo(405);
	}

	/** What the test knows of an account it opened, to compute what a filter selects. */
	record Opened(String code, String type, String currency, String category, String parent, boolean closed) {
	}

	String open(Map<String, Object> body) {
		HttpResponse<String> response = api.post(base + "/accounts", caller, json(body));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response).get("id").asString();
	}

	static List<String> codes(JsonNode page) {
		List<String> codes = new ArrayList<>();
		page.get("items").forEach(item -> codes.add(item.get("code").asString()));
		return codes;
	}

	static String nextCursor(JsonNode page) {
		JsonNode next = page.path("nextCursor");
		return (next.isMissingNode() || next.isNull()) ? null : next.asString();
	}

	/** Every page of the listing, in order, following nextCursor. */
	List<JsonNode> pages(String query) {
		List<JsonNode> pages = new ArrayList<>();
		String cursor = null;
		do {
			HttpResponse<String> response = api
				.get(base + "/accounts?" + query + ((cursor != null) ? "&cursor=" + cursor : ""), caller);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode page = json(response);
			pages.add(page);
			cursor = nextCursor(page);
		}
		while (cursor != null && pages.size() < 100);
		return pages;
	}

	List<String> allCodes(String query) {
		return pages(query).stream().flatMap(page -> codes(page).stream()).toList();
	}

	@Test
	void accountsComePageByPageInCodeOrderEachExactlyOnceAndFiltered() {
		// codes of digits only sort alike under every collation
		List<Opened> opened = new ArrayList<>(List.of(new Opened("1000", "asset", "EUR", null, null, false),
				new Opened("2000", "liability", "EUR", null, null, false),
				new Opened("4000", "revenue", "EUR", null, null, false)));
		String parent = open(Map.of("code", "3000", "name", "Current assets", "type", "asset", "currency", "EUR",
				"category", "current"));
		opened.add(new Opened("3000", "asset", "EUR", "current", null, false));
		for (int i = 24; i >= 1; i--) {
			String code = "30" + ((i < 10) ? "0" : "") + i;
			Map<String, Object> body = new LinkedHashMap<>(Map.of("code", code, "name", "Account " + code, "type",
					(i % 2 == 0) ? "asset" : "expense", "currency", (i % 5 == 0) ? "USD" : "EUR"));
			if (i % 2 == 0) {
				body.put("category", "current");
			}
			if (i % 3 == 0) {
				body.put("parentId", parent);
			}
			String id = open(body);
			if (i % 4 == 0) {
				assertThat(api.post(base + "/accounts/" + id + "/closure", caller, "{}").statusCode()).isEqualTo(200);
			}
			opened.add(new Opened(code, (String) body.get("type"), (String) body.get("currency"),
					(String) body.get("category"), (i % 3 == 0) ? "3000" : null, i % 4 == 0));
		}
		List<String> all = opened.stream().map(Opened::code).sorted().toList();

		List<JsonNode> pages = pages("limit=6");
		assertThat(pages).hasSize(5);
		assertThat(pages.subList(0, 4)).allSatisfy(page -> assertThat(page.get("items")).hasSize(6));
		assertThat(nextCursor(pages.get(4))).isNull();
		assertThat(pages.stream().flatMap(page -> codes(page).stream()).toList()).containsExactlyElementsOf(all);
		assertThat(allCodes("limit=200")).containsExactlyElementsOf(all);
		JsonNode first = pages.get(0).get("items").get(0);
		assertThat(first.get("balance").get("posted").asLong()).isZero();
		assertThat(first.get("type").asString()).isEqualTo("asset");

		Map<String, Predicate<Opened>> filters = new LinkedHashMap<>();
		filters.put("type=expense", account -> account.type().equals("expense"));
		filters.put("status=closed", Opened::closed);
		filters.put("status=open", account -> !account.closed());
		filters.put("category=current", account -> "current".equals(account.category()));
		filters.put("parentId=" + parent, account -> "3000".equals(account.parent()));
		filters.put("currency=USD", account -> account.currency().equals("USD"));
		filters.put("code=3017", account -> account.code().equals("3017"));
		filters.put("codePrefix=301", account -> account.code().startsWith("301"));
		filters.put("type=asset&status=open&codePrefix=30&currency=EUR", account -> account.type().equals("asset")
				&& !account.closed() && account.code().startsWith("30") && account.currency().equals("EUR"));
		filters.forEach((filter, selects) -> assertThat(allCodes(filter + "&limit=2")).as(filter)
			.containsExactlyElementsOf(opened.stream().filter(selects).map(Opened::code).sorted().toList()));
		assertThat(allCodes("codePrefix=9")).isEmpty();
	}

	@Test
	void aBadCursorLimitOrFilterIsALocalizedProblem() {
		assertThat(api.post(base + "/entries", caller, entry(cash, revenue, 5)).statusCode()).isEqualTo(201);
		assertThat(api.post(base + "/entries", caller, entry(cash, revenue, 6)).statusCode()).isEqualTo(201);
		String entriesCursor = json(api.get(base + "/entries?limit=1", caller)).get("nextCursor").asString();
		String accountsCursor = json(api.get(base + "/accounts?limit=1", caller)).get("nextCursor").asString();
		Map<String, String> refused = new LinkedHashMap<>();
		refused.put("cursor=not-a-cursor", "cursor");
		refused.put("cursor=" + entriesCursor, "cursor");
		refused.put("limit=0", "limit");
		refused.put("limit=201", "limit");
		refused.put("type=cash", "type");
		refused.put("status=frozen", "status");
		refused.put("codePrefix=" + "9".repeat(65), "codePrefix");
		refused.forEach((query, field) -> {
			HttpResponse<String> response = api.get(base + "/accounts?" + query, caller, "Accept-Language", "en");
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
			assertThat(json(response).get("code").asString()).isEqualTo("validation_failed");
			assertThat(fieldErrors(response)).as(query).containsOnlyKeys(field);
		});
		HttpResponse<String> english = api.get(base + "/accounts?limit=0", caller, "Accept-Language", "en");
		assertThat(fieldErrors(english)).containsEntry("limit", "Enter a page size from 1 to 200.");
		HttpResponse<String> german = api.get(base + "/accounts?cursor=x", caller, "Accept-Language", "de");
		assertThat(fieldErrors(german)).containsEntry("cursor",
				"Verwenden Sie den nextCursor einer vorherigen Seite unverändert.");
		// the same problems as the entries' listing; an account cursor fits only accounts
		HttpResponse<String> entries = api.get(base + "/entries?cursor=" + accountsCursor, caller);
		assertThat(entries.statusCode()).isEqualTo(400);
		assertThat(fieldErrors(entries)).containsOnlyKeys("cursor");
	}

	@Test
	void otherTenantsSeeNoneOfTheAccountsNorPageIntoThem() {
		String stranger = ApiTestSupport.tenantCaller(new TenantId(Ids.newId()), ALL);
		HttpResponse<String> foreign = api.get(base + "/accounts", stranger);
		assertThat(foreign.statusCode()).isEqualTo(404);
		assertThat(json(foreign).get("code").asString()).isEqualTo("ledger_not_found");
		String theirs = "/api/v1/ledgers/" + json(api.post("/api/v1/ledgers", stranger,
				json(Map.of("code", "main", "name", "Theirs", "currencies", List.of("EUR")))))
			.get("id")
			.asString();
		assertThat(api
			.post(theirs + "/accounts", stranger,
					json(Map.of("code", "0500", "name", "Their cash", "type", "asset", "currency", "EUR")))
			.statusCode()).isEqualTo(201);
		// our cursor (after 1000) on their ledger: their accounts after that code, none
		// of ours
		String ours = json(api.get(base + "/accounts?limit=1", caller)).get("nextCursor").asString();
		assertThat(codes(json(api.get(theirs + "/accounts?cursor=" + ours, stranger)))).isEmpty();
		assertThat(codes(json(api.get(theirs + "/accounts", stranger)))).containsExactly("0500");
		assertThat(codes(json(api.get(base + "/accounts?codePrefix=0", caller)))).isEmpty();
	}

	@Test
	void operatorsReadAnyTenantsLedgerThroughTheAuditedPath() {
		assertThat(api.post(base + "/entries", caller, entry(cash, revenue, 5)).statusCode()).isEqualTo(201);
		String operator = ApiTestSupport.operator("ledger:read");
		String path = "/api/v1/tenants/" + tenant + "/ledgers";
		HttpResponse<String> ledgers = api.get(path, operator);
		assertThat(ledgers.statusCode()).as(ledgers.body()).isEqualTo(200);
		assertThat(json(ledgers).get(0).get("code").asString()).isEqualTo("main");
		String ledgerId = base.substring(base.lastIndexOf('/') + 1);
		assertThat(json(api.get(path + "/" + ledgerId + "/entries", operator)).get("items")).hasSize(1);
		JsonNode accounts = json(api.get(path + "/" + ledgerId + "/accounts?limit=2", operator));
		assertThat(accounts.get("items")).hasSize(2);
		JsonNode rest = json(api.get(
				path + "/" + ledgerId + "/accounts?limit=2&cursor=" + accounts.get("nextCursor").asString(), operator));
		assertThat(codes(rest)).containsExactly("4000");
		assertThat(json(api.get(path + "/" + ledgerId + "/accounts?type=liability", operator)).get("items")).hasSize(1);
		assertThat(api.get(path, caller).statusCode()).isEqualTo(403);
		assertThat(api.get(path, ApiTestSupport.operator("tenants:read")).statusCode()).isEqualTo(403);
	}

	@Test
	void readersCannotWriteAndOtherTenantsSeeNothing() {
		String reader = ApiTestSupport.tenantCaller(tenant, "ledger:read");
		assertThat(api.post(base + "/entries", reader, entry(cash, revenue, 1)).statusCode()).isEqualTo(403);
		String stranger = ApiTestSupport.tenantCaller(new TenantId(Ids.newId()), ALL);
		assertThat(api.get(base, stranger).statusCode()).isEqualTo(404);
		assertThat(api.get(base + "/accounts/" + cash, stranger).statusCode()).isEqualTo(404);
		HttpResponse<String> theirWrite = api.post(base + "/entries", stranger, entry(cash, revenue, 1));
		assertThat(theirWrite.statusCode()).isIn(404, 422);
		assertThat(entryCount()).isZero();
	}

}
