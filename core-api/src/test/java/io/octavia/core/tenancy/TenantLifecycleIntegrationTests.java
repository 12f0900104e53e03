package io.octavia.core.tenancy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.api.Problems;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.Metadata;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.server.events.KafkaProbe;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tenants against the real database and broker: the lifecycle state machine, slug
 * uniqueness under concurrency, input validation, row-level security and the events on
 * Kafka.
 */
@OctaviaIntegrationTest
class TenantLifecycleIntegrationTests {

	@Autowired
	TenantManagement tenants;

	@Autowired
	CrossTenantAccess crossTenant;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Problems problems;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void resetLocale() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void aNewTenantStartsProvisioningAndBecomesActiveOnceProvisioned() {
		TenantDetails created = tenants.create(command(slug("acme"), "Acme GmbH"));
		assertThat(created.slug()).startsWith("acme-");
		assertThat(created.name()).isEqualTo("Acme GmbH");
		assertThat(created.defaultLocale()).isEqualTo(Locale.GERMAN);
		assertThat(created.timeZone().getId()).isEqualTo("Europe/Berlin");
		assertThat(created.defaultCurrency().getCurrencyCode()).isEqualTo("EUR");
		assertThat(created.id().value().version()).isEqualTo(7);
		assertThat(created.closedAt()).isNull();
		assertThat(created.status()).isEqualTo(TenantStatus.PROVISIONING);

		assertThat(awaitStatus(created.id(), TenantStatus.ACTIVE).updatedAt()).isAfterOrEqualTo(created.createdAt());
	}

	@Test
	void walksTheLifecycleAndRefusesIllegalTransitions() {
		TenantId id = activeTenant();

		assertTransitionRefused(() -> tenants.activate(id), "active", "active");
		assertTransitionRefused(() -> tenants.resume(id), "active", "active");
		assertThat(asTenant(id, () -> tenants.suspend(id)).status()).isEqualTo(TenantStatus.SUSPENDED);
		assertTransitionRefused(() -> tenants.suspend(id), "suspended", "suspended");
		assertTransitionRefused(() -> tenants.activate(id), "suspended", "active");
		assertThat(asTenant(id, () -> tenants.resume(id)).status()).isEqualTo(TenantStatus.ACTIVE);
		assertThat(asTenant(id, () -> tenants.suspend(id)).status()).isEqualTo(TenantStatus.SUSPENDED);

		TenantDetails closed = asTenant(id, () -> tenants.close(id));
		assertThat(closed.status()).isEqualTo(TenantStatus.CLOSED);
		assertThat(closed.closedAt()).isNotNull();
		assertTransitionRefused(() -> tenants.resume(id), "closed", "active");
		assertTransitionRefused(() -> tenants.suspend(id), "closed", "suspended");
		assertTransitionRefused(() -> tenants.close(id), "closed", "closed");
		assertTransitionRefused(() -> tenants.activate(id), "closed", "active");
		assertThat(asTenant(id, () -> tenants.find(id)).orElseThrow().status()).isEqualTo(TenantStatus.CLOSED);
	}

	@Test
	void anActiveTenantCanBeClosedByAnOperatorThroughTheAuditedPath() {
		TenantId id = activeTenant();
		TenantDetails closed = crossTenant.call("user:operator", "test: close a tenant", () -> tenants.close(id));
		assertThat(closed.status()).isEqualTo(TenantStatus.CLOSED);
	}

	@Test
	void anIllegalTransitionIsALocalizedConflictNamingBothStatuses() {
		TenantId id = activeTenant();
		DomainProblem problem = catchThrowableOfType(DomainProblem.class, () -> asTenant(id, () -> tenants.resume(id)));
		assertThat(problem.kind()).isEqualTo(DomainProblem.Kind.CONFLICT);
		assertThat(problem.properties()).containsEntry("status", "active").containsEntry("target", "active");

		LocaleContextHolder.setLocale(Locale.GERMAN);
		assertThat(problems.of(problem).getDetail())
			.isEqualTo("Der Status des Mandanten kann nicht von Aktiv zu Aktiv wechseln.");
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		assertThat(problems.of(problem).getDetail())
			.isEqualTo("The tenant's status cannot change from Active to Active.");
	}

	@Test
	void aTakenSlugIsAConflict() {
		String slug = slug("taken");
		tenants.create(command(slug, "First"));
		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> tenants.create(command(slug, "Second")));
		assertThat(problem.code()).isEqualTo("tenant_slug_taken");
		assertThat(problem.kind()).isEqualTo(DomainProblem.Kind.CONFLICT);
		assertThat(problem.arguments()).containsExactly(slug);
	}

	@Test
	void ofTwoConcurrentCreationsWithOneSlugExactlyOneSucceeds() throws Exception {
		try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
			for (int round = 0; round < 5; round++) {
				String slug = slug("race");
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Object>> results = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					String name = "Racer " + i;
					results.add(threads.submit(() -> {
						start.await();
						try {
							return tenants.create(command(slug, name));
						}
						catch (DomainProblem problem) {
							return problem;
						}
					}));
				}
				start.countDown();
				List<Object> outcomes = new ArrayList<>();
				for (Future<Object> result : results) {
					outcomes.add(result.get());
				}
				assertThat(outcomes).filteredOn(TenantDetails.class::isInstance).hasSize(1);
				assertThat(outcomes).filteredOn(DomainProblem.class::isInstance)
					.singleElement()
					.satisfies(problem -> assertThat(((DomainProblem) problem).code()).isEqualTo("tenant_slug_taken"));
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "ab", "Acme", "-acme", "acme-", "ac--me", "ac_me", "acme corp", "ä-acme",
			"a123456789a123456789a123456789a123456789a123456789a123456789abcd" })
	void invalidSlugsAreFieldProblems(String slug) {
		assertFieldProblems(command(slug, "Name"), Map.of("slug", "api.field.slug"));
	}

	@Test
	void everyInvalidFieldIsReportedAtOnce() {
		Map<String, Object> metadata = Map.of("blob", "x".repeat(Metadata.MAX_BYTES));
		assertFieldProblems(new CreateTenant("UPPER", " ", "it", "Mars/Olympus_Mons", "EURO", metadata),
				Map.of("slug", "api.field.slug", "name", "api.field.required", "defaultLocale",
						"api.field.tenant.locale", "timeZone", "api.field.tenant.time_zone", "defaultCurrency",
						"api.field.tenant.currency", "metadata", "api.field.metadata_size"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "xx", "en_US", "de-Latn-DE", "123", "en-u-ca-buddhist" })
	void unsupportedOrMalformedLocalesAreRefused(String locale) {
		assertFieldProblems(new CreateTenant(slug("locale"), "Name", locale, "UTC", "EUR"),
				Map.of("defaultLocale", "api.field.tenant.locale"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "eur", "XYZ", "EU", "€" })
	void unknownCurrenciesAreRefused(String currency) {
		assertFieldProblems(new CreateTenant(slug("money"), "Name", "en", "UTC", currency),
				Map.of("defaultCurrency", "api.field.tenant.currency"));
	}

	@Test
	void acceptsARegionalLocaleAndMetadataUpToTheLimit() {
		String blob = "x".repeat(Metadata.MAX_BYTES - "{\"blob\":\"\"}".length());
		TenantDetails created = tenants
			.create(new CreateTenant(slug("edge"), "Edge", "fa-IR", "Asia/Tehran", "IRR", Map.of("blob", blob)));
		assertThat(created.defaultLocale().toLanguageTag()).isEqualTo("fa-IR");
		TenantDetails found = asTenant(created.id(), () -> tenants.find(created.id())).orElseThrow();
		assertThat(found.metadata()).containsEntry("blob", blob);
		assertThat(found.defaultLocale().toLanguageTag()).isEqualTo("fa-IR");
	}

	@Test
	void anotherTenantsScopeNeitherSeesNorChangesATenant() {
		TenantId a = activeTenant();
		TenantId b = activeTenant();
		String slugOfA = asTenant(a, () -> tenants.find(a)).orElseThrow().slug();

		assertThat(asTenant(b, () -> tenants.find(a))).isEmpty();
		assertThat(asTenant(b, () -> tenants.findBySlug(slugOfA))).isEmpty();
		assertThat(tenants.find(a)).as("without any scope").isEmpty();
		DomainProblem problem = catchThrowableOfType(DomainProblem.class, () -> asTenant(b, () -> tenants.suspend(a)));
		assertThat(problem.code()).isEqualTo("tenant_not_found");
		assertThat(asTenant(a, () -> tenants.find(a))).get()
			.extracting(TenantDetails::status)
			.isEqualTo(TenantStatus.ACTIVE);
		assertThat(crossTenant.call("user:operator", "test: find by slug", () -> tenants.findBySlug(slugOfA))).get()
			.extracting(TenantDetails::id)
			.isEqualTo(a);
	}

	@Test
	void creationRefusesToJoinACallersTransaction() {
		assertThatThrownBy(() -> transactions.execute(status -> tenants.create(command(slug("nested"), "Nested"))))
			.isInstanceOf(IllegalTransactionStateException.class);
	}

	@Test
	void lifecycleEventsReachKafkaAsCloudEventsKeyedByTenantInOrder() {
		UserId operator = new UserId(Ids.newId());
		TenantContext.Scope operatorScope = new TenantContext.Scope(null, null, operator, "user:" + operator, null);
		TenantDetails created = TenantContext.call(operatorScope,
				() -> tenants.create(command(slug("events"), "Events Inc")));
		TenantId id = created.id();
		awaitStatus(id, TenantStatus.ACTIVE);
		asTenant(id, () -> tenants.suspend(id));

		try (KafkaProbe kafka = new KafkaProbe(bootstrapServers, TenantCreated.TOPIC)) {
			List<ConsumerRecord<String, String>> records = kafka.await(r -> id.toString().equals(r.key()), 3,
					Duration.ofSeconds(30));
			assertThat(records).extracting(r -> KafkaProbe.header(r, "ce_type"))
				.containsExactly("tenant.created", "tenant.activated", "tenant.suspended");
			JsonNode createdEvent = json.readTree(records.get(0).value());
			assertThat(createdEvent.get("type").asString()).isEqualTo("tenant.created");
			assertThat(createdEvent.get("subject").asString()).isEqualTo(id.toString());
			assertThat(createdEvent.get("tenantid").asString()).isEqualTo(id.toString());
			assertThat(createdEvent.get("userid").asString()).isEqualTo(operator.toString());
			assertThat(createdEvent.get("actor").asString()).isEqualTo("user:" + operator);
			assertThat(createdEvent.get("data").get("slug").asString()).isEqualTo(created.slug());
			assertThat(createdEvent.get("data").get("defaultCurrency").asString()).isEqualTo("EUR");
		}
	}

	private TenantId activeTenant() {
		TenantId id = tenants.create(command(slug("t"), "Tenant")).id();
		awaitStatus(id, TenantStatus.ACTIVE);
		return id;
	}

	private TenantDetails awaitStatus(TenantId id, TenantStatus status) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> asTenant(id, () -> tenants.find(id)).orElseThrow(), t -> t.status() == status);
	}

	private void assertTransitionRefused(Runnable transition, String from, String to) {
		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> crossTenant.call("user:operator", "test: illegal transition", () -> {
					transition.run();
					return true;
				}));
		assertThat(problem).as(from + " → " + to).isNotNull();
		assertThat(problem.code()).isEqualTo("tenant_invalid_transition");
		assertThat(problem.properties()).containsEntry("status", from).containsEntry("target", to);
	}

	private void assertFieldProblems(CreateTenant command, Map<String, String> expected) {
		DomainProblem problem = catchThrowableOfType(DomainProblem.class, () -> tenants.create(command));
		assertThat(problem).isNotNull();
		assertThat(problem.code()).isEqualTo("validation_failed");
		assertThat(problem.kind()).isEqualTo(DomainProblem.Kind.BAD_REQUEST);
		Map<String, String> fields = new HashMap<>();
		problem.fields().forEach(field -> fields.put(field.field(), field.messageKey()));
		assertThat(fields).isEqualTo(expected);
		assertThat(problem.arguments()).containsExactly(problem.fields().size());
	}

	static CreateTenant command(String slug, String name) {
		return new CreateTenant(slug, name, "de", "Europe/Berlin", "EUR", Map.of("crm", "4711"));
	}

	static String slug(String prefix) {
		return prefix + "-" + Long.toString(Ids.newId().getLeastSignificantBits() & Long.MAX_VALUE, 36);
	}

	private <T> T asTenant(TenantId tenant, Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), work::get);
	}

}
