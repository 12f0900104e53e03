package io.octavia.core.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.branding.BrandDeleted;
import io.octavia.core.branding.BrandUpdated;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantPurged;
import io.octavia.core.tenancy.TenantStatus;
import io.octavia.core.tenancy.TenantSuspended;
import io.octavia.core.tenancy.TenantUpdated;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The audit log against the real database: records from domain events and from direct
 * calls, append-only for the application role, the hash chain sealed concurrently and
 * verified against tampering by the schema owner, queries and export, tenant isolation.
 */
@OctaviaIntegrationTest
class AuditLogIntegrationTests {

	@Autowired
	AuditManagement audit;

	@Autowired
	TenantManagement tenants;

	@Autowired
	CrossTenantAccess crossTenant;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Value("${spring.datasource.url}")
	String url;

	@Value("${spring.flyway.user}")
	String owner;

	@Value("${spring.flyway.password}")
	String ownerPassword;

	@AfterEach
	void clearLoggingContext() {
		MDC.clear();
	}

	@Test
	void everyLifecycleEventIsRecordedOnceWithWhoAndWhereItCameFrom() {
		UserId operator = new UserId(Ids.newId());
		MDC.put("requestId", "req-lifecycle");
		MDC.put("clientIp", "203.0.113.9");
		MDC.put("userAgent", "AuditTest/1.0");
		TenantDetails created = TenantContext.call(
				new TenantContext.Scope(null, null, operator, "operator:" + operator, null),
				() -> tenants.create(new CreateTenant(slug(), "Audited GmbH", "de", "Europe/Berlin", "EUR")));
		MDC.clear();
		TenantId id = created.id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> asTenant(id, () -> tenants.find(id)).orElseThrow().status() == TenantStatus.ACTIVE);
		asTenant(id, () -> tenants.suspend(id));
		asTenant(id, () -> tenants.resume(id));
		crossTenant.call("operator:ops-7", "test: close a tenant", () -> tenants.close(id));

		List<AuditRecord> records = await().atMost(Duration.ofSeconds(20))
			.until(() -> all(id), found -> found.size() >= 6);
		assertThat(records).extracting(AuditRecord::action)
			.containsExactlyInAnyOrder("tenant.created", "brand.created", "tenant.activated", "tenant.suspended",
					"tenant.resumed", "tenant.closed");

		AuditRecord creation = only(records, "tenant.created");
		assertThat(creation.actor()).isEqualTo(new AuditActor(ActorKind.OPERATOR, operator.toString()));
		assertThat(creation.targetType()).isEqualTo("tenant");
		assertThat(creation.targetId()).isEqualTo(id.toString());
		assertThat(creation.requestId()).isEqualTo("req-lifecycle");
		assertThat(creation.clientIp()).isEqualTo("203.0.113.9");
		assertThat(creation.userAgent()).isEqualTo("AuditTest/1.0");
		assertThat(creation.eventId()).isNotNull();
		assertThat(creation.after().get("slug").asString()).isEqualTo(created.slug());
		assertThat(creation.after().get("status").asString()).isEqualTo("provisioning");
		assertThat(creation.before()).isNull();

		assertThat(only(records, "tenant.activated").actor()).isEqualTo(new AuditActor(ActorKind.SYSTEM, "tenancy"));
		AuditRecord suspension = only(records, "tenant.suspended");
		assertThat(suspension.before().get("status").asString()).isEqualTo("active");
		assertThat(suspension.after().get("status").asString()).isEqualTo("suspended");
		assertThat(only(records, "tenant.closed").actor()).isEqualTo(new AuditActor(ActorKind.OPERATOR, "ops-7"));
		AuditRecord brand = only(records, "brand.created");
		assertThat(brand.targetType()).isEqualTo("brand");
		assertThat(brand.after().get("defaultBrand").asBoolean()).isTrue();
	}

	@Test
	void updatesDeletionsAndThePurgeAreRecordedWithWhatChanged() {
		TenantId id = new TenantId(Ids.newId());
		BrandId brand = new BrandId(Ids.newId());
		Instant closedAt = Instant.parse("2026-10-01T00:00:00Z");
		TenantContext.run(TenantContext.Scope.tenant(id, "user:u-9"),
				() -> transactions.executeWithoutResult(status -> {
					events.publishEvent(new TenantUpdated(EventMetadata.capture(id), id, "New name", "de",
							"Europe/Berlin", "EUR", List.of("metadata", "name")));
					events.publishEvent(new BrandUpdated(EventMetadata.capture(id), brand, id, "main", "Main", true,
							List.of("shop.example.com"), List.of("hostnames")));
					events.publishEvent(new BrandDeleted(EventMetadata.capture(id), brand, id, "main"));
					events.publishEvent(
							new TenantPurged(EventMetadata.capture(id), id, closedAt, closedAt.plusSeconds(60)));
				}));
		List<AuditRecord> records = await().atMost(Duration.ofSeconds(20))
			.until(() -> all(id), found -> found.size() == 4);

		AuditRecord update = only(records, "tenant.updated");
		assertThat(update.actor()).isEqualTo(new AuditActor(ActorKind.USER, "u-9"));
		assertThat(update.after().get("changed").toString()).isEqualTo("[\"metadata\",\"name\"]");
		assertThat(update.after().get("name").asString()).isEqualTo("New name");
		assertThat(update.after().has("timeZone")).as("unchanged").isFalse();
		assertThat(only(records, "brand.updated").after().get("hostnames").get(0).asString())
			.isEqualTo("shop.example.com");
		AuditRecord deletion = only(records, "brand.deleted");
		assertThat(deletion.targetId()).isEqualTo(brand.toString());
		assertThat(deletion.before().get("slug").asString()).isEqualTo("main");
		assertThat(deletion.after()).isNull();
		assertThat(only(records, "tenant.purged").after().get("status").asString()).isEqualTo("purged");
	}

	@Test
	void aRedeliveredEventIsRecordedOnce() {
		TenantId id = new TenantId(Ids.newId());
		TenantSuspended event = TenantContext.call(TenantContext.Scope.tenant(id, "user:someone"),
				() -> new TenantSuspended(EventMetadata.capture(id), id));
		String eventId = event.metadata().eventId().toString();
		String auditPublications = """
				SELECT count(*) FROM event_publication
				WHERE listener_id LIKE '%DomainEventAuditing%' AND serialized_event LIKE ? AND completion_date IS NULL""";
		for (int delivery = 0; delivery < 2; delivery++) {
			Integer stored = asTenant(id, () -> {
				events.publishEvent(event);
				// the publishing transaction sees its own publication to the audit log
				return jdbc.queryForObject(auditPublications, Integer.class, "%" + eventId + "%");
			});
			assertThat(stored).isPositive();
		}
		// both deliveries to the audit log handled: none left incomplete (delivered ones
		// are
		// deleted or, with completion-mode=update, completed)
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.queryForObject(auditPublications, Integer.class, "%" + eventId + "%") == 0);
		assertThat(all(id)).singleElement().satisfies(record -> {
			assertThat(record.eventId()).isEqualTo(event.metadata().eventId());
			assertThat(record.actor()).isEqualTo(new AuditActor(ActorKind.USER, "someone"));
		});
		assertThat(audit.record(AuditEntry.of(event.metadata(), "tenant.suspended", "tenant", id.toString())))
			.isFalse();
	}

	@Test
	void aDirectRecordJoinsTheCallersTransactionAndRollsBackWithIt() {
		TenantId id = new TenantId(Ids.newId());
		TenantContext.run(TenantContext.Scope.tenant(id, "key:ak_live_12"), () -> {
			transactions.executeWithoutResult(status -> {
				audit.record(AuditEntry.capture(id, "apikey.rotated", "api_key", "ak_live_12"));
				status.setRollbackOnly();
			});
			transactions.executeWithoutResult(
					status -> audit.record(AuditEntry.capture(id, "apikey.revoked", "api_key", "ak_live_12")
						.withChange(Map.of("status", "active"), Map.of("status", "revoked"))));
		});
		assertThat(all(id)).singleElement().satisfies(record -> {
			assertThat(record.action()).isEqualTo("apikey.revoked");
			assertThat(record.actor()).isEqualTo(new AuditActor(ActorKind.API_KEY, "ak_live_12"));
			assertThat(record.after().get("status").asString()).isEqualTo("revoked");
		});
	}

	@Test
	void crossTenantAccessIsRecordedInThePlatformLogWhichNoTenantSees() {
		String reason = "test: look at everything " + Ids.newId();
		crossTenant.call("operator:ops-1", reason, () -> 1);

		AuditQuery accesses = new AuditQuery(null, "ops-1", "platform.cross_tenant_access", null, null, null, null,
				null, AuditQuery.MAX_LIMIT);
		assertThat(audit.find(AuditManagement.PLATFORM, accesses).records()).anySatisfy(record -> {
			assertThat(record.after().get("reason").asString()).isEqualTo(reason);
			assertThat(record.actor()).isEqualTo(new AuditActor(ActorKind.OPERATOR, "ops-1"));
			assertThat(record.tenantId()).isEqualTo(AuditManagement.PLATFORM);
		});
		TenantId tenant = new TenantId(Ids.newId());
		assertThat(TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> audit.find(AuditManagement.PLATFORM, accesses).records()))
			.isEmpty();
	}

	@Test
	void theApplicationRoleCannotChangeOrDeleteARecordAndSealsItOnlyOnce() {
		TenantId id = new TenantId(Ids.newId());
		audit.record(entry(id, "thing.changed", "t-1", Instant.now()));
		audit.sealPending();

		assertRefused(id, "UPDATE audit_record SET action = 'thing.forged' WHERE tenant_id = ?", "permission denied");
		assertRefused(id, "DELETE FROM audit_record WHERE tenant_id = ?", "permission denied");
		assertRefused(id, "UPDATE audit_record SET record_hash = '\\x00' WHERE tenant_id = ?", "is sealed");
		assertRefused(id, "UPDATE audit_record SET chain_position = 99 WHERE tenant_id = ?", "is sealed");
		assertRefused(id, """
				INSERT INTO audit_record (tenant_id, record_id, occurred_at, actor_kind, actor_id, action, target_type,
				                          record_hash)
				VALUES (?, gen_random_uuid(), now(), 'user', 'u', 'thing.forged', 'thing', '\\x00')""",
				"permission denied");
		assertRefused(id, "DELETE FROM audit_chain WHERE tenant_id = ?", "permission denied");
		assertThat(verify(id).intact()).isTrue();
	}

	@Test
	void verificationReportsTheFirstRecordChangedBehindTheApplicationsBack() throws SQLException {
		TenantId id = logOf(5);
		ChainVerification intact = verify(id);
		assertThat(intact.intact()).isTrue();
		assertThat(intact.sealedRecords()).isEqualTo(5);
		assertThat(intact.pendingRecords()).isZero();
		assertThat(intact.headHash()).hasSize(64);
		assertThat(intact.firstBrokenLink()).isNull();

		UUID third = recordAt(id, 3);
		asOwner("UPDATE audit_record SET after_summary = '{\"n\": \"forged\"}' WHERE tenant_id = ? AND record_id = ?",
				id.value(), third);
		asOwner("UPDATE audit_record SET actor_id = 'someone-else' WHERE tenant_id = ? AND chain_position = 4",
				id.value());

		ChainVerification tampered = verify(id);
		assertThat(tampered.intact()).isFalse();
		assertThat(tampered.headHash()).isNull();
		assertThat(tampered.firstBrokenLink())
			.isEqualTo(new ChainVerification.BrokenLink(3, third, ChainDefect.CONTENT_CHANGED));
	}

	@Test
	void verificationReportsRemovedRecordsAndAReplacedLink() throws SQLException {
		TenantId gap = logOf(4);
		asOwner("DELETE FROM audit_record WHERE tenant_id = ? AND chain_position = 2", gap.value());
		assertThat(verify(gap).firstBrokenLink())
			.isEqualTo(new ChainVerification.BrokenLink(2, null, ChainDefect.RECORD_MISSING));

		TenantId end = logOf(4);
		asOwner("DELETE FROM audit_record WHERE tenant_id = ? AND chain_position = 4", end.value());
		assertThat(verify(end).firstBrokenLink())
			.isEqualTo(new ChainVerification.BrokenLink(4, null, ChainDefect.HEAD_MISMATCH));

		TenantId relinked = logOf(3);
		// the owner may switch off the guard that keeps seals from changing: the chain
		// still tells
		asOwner("ALTER TABLE audit_record DISABLE TRIGGER audit_record_seal_once; "
				+ "UPDATE audit_record SET previous_hash = '\\x01' WHERE tenant_id = ? AND chain_position = 2; "
				+ "ALTER TABLE audit_record ENABLE TRIGGER audit_record_seal_once", relinked.value());
		assertThat(verify(relinked).firstBrokenLink())
			.isEqualTo(new ChainVerification.BrokenLink(2, recordAt(relinked, 2), ChainDefect.LINK_BROKEN));
	}

	@Test
	void concurrentSealersNeverForkAChainWhileWritersKeepWriting() throws Exception {
		TenantId id = new TenantId(Ids.newId());
		AtomicBoolean writing = new AtomicBoolean(true);
		try (ExecutorService threads = Executors.newFixedThreadPool(7)) {
			List<Future<?>> writers = new ArrayList<>();
			for (int w = 0; w < 4; w++) {
				int writer = w;
				writers.add(threads.submit(() -> {
					for (int i = 0; i < 50; i++) {
						audit.record(entry(id, "thing.changed", writer + "-" + i, Instant.now()));
					}
				}));
			}
			List<Future<?>> sealers = new ArrayList<>();
			for (int s = 0; s < 3; s++) {
				sealers.add(threads.submit(() -> {
					while (writing.get()) {
						audit.sealPending();
					}
				}));
			}
			for (Future<?> writer : writers) {
				writer.get();
			}
			writing.set(false);
			for (Future<?> sealer : sealers) {
				sealer.get();
			}
		}
		audit.sealPending();
		ChainVerification verification = verify(id);
		assertThat(verification.intact()).isTrue();
		assertThat(verification.sealedRecords()).isEqualTo(200);
		assertThat(verification.pendingRecords()).isZero();
	}

	@Test
	void pagesNewestFirstThroughFiltersAndCursors() {
		TenantId id = new TenantId(Ids.newId());
		Instant start = Instant.parse("2026-11-25T10:00:00Z");
		for (int i = 0; i < 7; i++) {
			audit.record(entry(id, (i % 2 == 0) ? "thing.created" : "thing.deleted", "t-" + i,
					start.plus(i, ChronoUnit.MINUTES)));
		}
		AuditPage first = find(id, AuditQuery.all().withLimit(3));
		assertThat(first.records()).extracting(AuditRecord::targetId).containsExactly("t-6", "t-5", "t-4");
		AuditPage second = find(id, AuditQuery.all().withLimit(3).withCursor(first.nextCursor()));
		assertThat(second.records()).extracting(AuditRecord::targetId).containsExactly("t-3", "t-2", "t-1");
		AuditPage last = find(id, AuditQuery.all().withLimit(3).withCursor(second.nextCursor()));
		assertThat(last.records()).extracting(AuditRecord::targetId).containsExactly("t-0");
		assertThat(last.nextCursor()).isNull();

		assertThat(find(id, new AuditQuery(null, null, "thing.deleted", null, null, null, null, null, 50)).records())
			.extracting(AuditRecord::targetId)
			.containsExactly("t-5", "t-3", "t-1");
		assertThat(find(id, new AuditQuery(null, null, null, "thing", "t-2", null, null, null, 50)).records())
			.extracting(AuditRecord::targetId)
			.containsExactly("t-2");
		assertThat(find(id,
				new AuditQuery(ActorKind.USER, "u-1", null, null, null, start.plus(2, ChronoUnit.MINUTES),
						start.plus(4, ChronoUnit.MINUTES), null, 50))
			.records()).extracting(AuditRecord::targetId).containsExactly("t-3", "t-2");
		assertThat(find(id, new AuditQuery(ActorKind.OPERATOR, null, null, null, null, null, null, null, 50)).records())
			.isEmpty();
	}

	@Test
	void refusesBadQueriesFieldByField() {
		TenantId id = new TenantId(Ids.newId());
		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> find(id, new AuditQuery(null, null, null, null, null, Instant.parse("2026-11-25T10:00:00Z"),
						Instant.parse("2026-11-25T09:00:00Z"), "not-a-cursor", 0)));
		assertThat(problem.code()).isEqualTo("validation_failed");
		assertThat(problem.fields()).extracting(DomainProblem.FieldProblem::field)
			.containsExactlyInAnyOrder("limit", "cursor", "to");
		assertThat(catchThrowableOfType(DomainProblem.class,
				() -> find(id, AuditQuery.all().withCursor("YTE6eHl6OnNvbWV0aGluZw")))
			.fields()).extracting(DomainProblem.FieldProblem::field).containsExactly("cursor");
	}

	@Test
	void aTenantSeesOnlyItsOwnLog() {
		TenantId a = logOf(2);
		TenantId b = logOf(1);
		assertThat(TenantContext.call(TenantContext.Scope.tenant(b, "test"),
				() -> audit.find(a, AuditQuery.all()).records()))
			.isEmpty();
		assertThat(TenantContext.call(TenantContext.Scope.tenant(b, "test"), () -> audit.verify(a).sealedRecords()))
			.isZero();
		assertThat(audit.find(a, AuditQuery.all()).records()).as("without any scope").isEmpty();
		assertThat(find(a, AuditQuery.all()).records()).hasSize(2);
	}

	@Test
	void exportsEveryMatchingRecordNewestFirstInSlices() {
		TenantId id = new TenantId(Ids.newId());
		Instant start = Instant.parse("2026-11-25T00:00:00Z");
		TenantContext.run(TenantContext.Scope.tenant(id, "test"), () -> transactions.executeWithoutResult(status -> {
			for (int i = 0; i < 1100; i++) {
				audit.record(entry(id, "thing.created", "t-" + i, start.plusSeconds(i)));
			}
		}));
		List<String> exported = new ArrayList<>();
		TenantContext.run(TenantContext.Scope.tenant(id, "test"),
				() -> audit.export(id, AuditQuery.all(), record -> exported.add(record.targetId())));
		assertThat(exported).hasSize(1100).startsWith("t-1099", "t-1098").endsWith("t-1", "t-0");
		Set<String> distinct = new HashSet<>(exported);
		assertThat(distinct).hasSize(1100);
	}

	private TenantId logOf(int records) {
		TenantId id = new TenantId(Ids.newId());
		Instant start = Instant.now().minusSeconds(60);
		for (int i = 0; i < records; i++) {
			audit.record(entry(id, "thing.changed", "t-" + i, start.plusSeconds(i)));
		}
		audit.sealPending();
		return id;
	}

	private AuditEntry entry(TenantId tenant, String action, String target, Instant at) {
		return new AuditEntry(tenant, null, new AuditActor(ActorKind.USER, "u-1"), action, "thing", target, null,
				Map.of("n", target), "req-1", "198.51.100.1", "JUnit", at, null);
	}

	private List<AuditRecord> all(TenantId tenant) {
		return find(tenant, AuditQuery.all().withLimit(AuditQuery.MAX_LIMIT)).records();
	}

	private ChainVerification verify(TenantId tenant) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), () -> audit.verify(tenant));
	}

	private AuditPage find(TenantId tenant, AuditQuery query) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), () -> audit.find(tenant, query));
	}

	private static AuditRecord only(List<AuditRecord> records, String action) {
		return records.stream().filter(record -> record.action().equals(action)).findFirst().orElseThrow();
	}

	private UUID recordAt(TenantId tenant, long position) {
		return all(tenant).stream()
			.filter(record -> Long.valueOf(position).equals(record.chainPosition()))
			.findFirst()
			.orElseThrow()
			.id();
	}

	private void assertRefused(TenantId tenant, String sql, String message) {
		assertThatThrownBy(() -> asTenant(tenant, () -> jdbc.update(sql, tenant.value()))).rootCause()
			.hasMessageContaining(message);
	}

	private void asOwner(String sql, Object... arguments) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, owner, ownerPassword)) {
			JdbcTemplate ownerJdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			// in one transaction, so nothing else sees a step in between
			connection.setAutoCommit(false);
			// row-level security is forced on the owner too
			ownerJdbc.execute("SET LOCAL app.cross_tenant = 'on'");
			for (String statement : sql.split("; ")) {
				int placeholders = (int) statement.chars().filter(c -> c == '?').count();
				int rows = ownerJdbc.update(statement, (placeholders == 0) ? new Object[0] : arguments);
				if (!statement.startsWith("ALTER")) {
					assertThat(rows).as(statement).isOne();
				}
			}
			connection.commit();
		}
	}

	private <T> T asTenant(TenantId tenant, Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> transactions.execute(status -> work.get()));
	}

	private static String slug() {
		return "audit-" + Long.toString(Ids.newId().getLeastSignificantBits() & Long.MAX_VALUE, 36);
	}

}
