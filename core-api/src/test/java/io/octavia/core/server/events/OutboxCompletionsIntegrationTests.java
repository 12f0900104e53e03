package io.octavia.core.server.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox's completions are written together, not a transaction per publication, and a
 * publication that went well is never marked "processing" in between; by default a
 * delivered publication is deleted.
 */
@OctaviaIntegrationTest
class OutboxCompletionsIntegrationTests {

	@Autowired
	OutboxCompletions completions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	OutboxMaintenance maintenance;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	/**
	 * The made-up publications would otherwise stay incomplete, and the outbox's
	 * resubmission would try (and log) them for the rest of the test run.
	 */
	@AfterEach
	void deleteMadeUpPublications() {
		jdbc.update("DELETE FROM event_publication WHERE listener_id = 'test.listener'");
	}

	@Test
	void completionsCollectedSinceTheLastFlushAreWrittenTogether() {
		OutboxCompletions completions = unstarted(jdbc.getDataSource(), "update");
		Instant completedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		List<UUID> ids = publications(3);
		ids.forEach(id -> completions.completed(id, completedAt));
		assertThat(statuses(ids)).containsOnly("PUBLISHED");

		assertThat(completions.flush()).isEqualTo(3);
		for (UUID id : ids) {
			Map<String, Object> row = jdbc
				.queryForMap("SELECT status, completion_date FROM event_publication WHERE id = ?", id);
			assertThat(row.get("status")).isEqualTo("COMPLETED");
			assertThat(((Timestamp) row.get("completion_date")).toInstant()).isEqualTo(completedAt);
		}
		assertThat(completions.flush()).isZero();
	}

	@Test
	void aFailedFlushKeepsItsCompletionsForTheNext() {
		AtomicBoolean down = new AtomicBoolean(true);
		DataSource real = jdbc.getDataSource();
		DataSource flaky = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
				new Class<?>[] { DataSource.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("getConnection") && down.get()) {
						throw new SQLException("database unreachable");
					}
					try {
						return method.invoke(real, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		OutboxCompletions completions = unstarted(flaky, "update");
		List<UUID> ids = publications(2);
		ids.forEach(id -> completions.completed(id, Instant.now()));

		assertThat(completions.flush()).isEqualTo(-1);
		assertThat(statuses(ids)).containsOnly("PUBLISHED");
		down.set(false);
		assertThat(completions.flush()).isEqualTo(2);
		assertThat(statuses(ids)).containsOnly("COMPLETED");
	}

	@Test
	void withCompletionModeDeleteCompletedPublicationsAreDeleted() {
		OutboxCompletions completions = unstarted(jdbc.getDataSource(), "delete");
		List<UUID> ids = publications(2);
		ids.forEach(id -> completions.completed(id, Instant.now()));
		assertThat(completions.flush()).isEqualTo(2);
		assertThat(statuses(ids)).isEmpty();
	}

	@Test
	void withCompletionModeArchiveSpringModulithWritesEachCompletion() {
		assertThat(unstarted(jdbc.getDataSource(), "archive").coalesced()).isFalse();
		assertThat(completions.coalesced()).isTrue();
	}

	@Test
	void aDeliveredPublicationIsDeletedWithoutAProcessingStepInTheTable() {
		assertThat(completions.coalesced()).as("the default mode, delete, is written in bulk").isTrue();
		TenantId tenant = new TenantId(Ids.newId());
		List<String> statuses = new ArrayList<>();
		ProbeEvent event = TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> transactions.execute(status -> {
					ProbeEvent probe = new ProbeEvent(EventMetadata.capture(tenant), "coalesced");
					events.publishEvent(probe);
					// the publishing transaction sees its own publications
					statuses.addAll(statusesOf(probe));
					return probe;
				}));
		assertThat(statuses).as("the event's publications were stored").isNotEmpty().containsOnly("PUBLISHED");
		// watched until delivered: each is deleted, never marked "processing" before
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> {
			List<String> now = statusesOf(event);
			statuses.addAll(now);
			return now.isEmpty();
		});
		assertThat(statuses).doesNotContain("PROCESSING", "COMPLETED");
	}

	private List<String> statusesOf(ProbeEvent event) {
		return jdbc.queryForList("SELECT status FROM event_publication WHERE serialized_event LIKE ?", String.class,
				"%" + event.metadata().eventId() + "%");
	}

	@Test
	void completedPublicationsAreDeletedOnceOlderThanTheRetentionAndIncompleteOnesNever() {
		List<UUID> ids = publications(3);
		jdbc.update(
				"UPDATE event_publication SET status = 'COMPLETED', completion_date = now() - interval '8 days' WHERE id = ?",
				ids.get(0));
		jdbc.update(
				"UPDATE event_publication SET status = 'COMPLETED', completion_date = now() - interval '6 days' WHERE id = ?",
				ids.get(1));
		jdbc.update("UPDATE event_publication SET publication_date = now() - interval '30 days' WHERE id = ?",
				ids.get(2));

		maintenance.deleteOldCompletedPublications();

		assertThat(jdbc.queryForList("SELECT id FROM event_publication WHERE id = ANY(?::uuid[])", UUID.class,
				(Object) ids.stream().map(UUID::toString).toArray(String[]::new)))
			.containsExactlyInAnyOrder(ids.get(1), ids.get(2));
	}

	/** A flusher of its own, without its thread: only the test flushes it. */
	private static OutboxCompletions unstarted(DataSource dataSource, String mode) {
		return new OutboxCompletions(new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), Duration.ofHours(1), mode);
	}

	private List<UUID> publications(int count) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			UUID id = UUID.randomUUID();
			jdbc.update(
					"""
							INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
							    completion_attempts)
							VALUES (?, 'test.listener', 'test.Event', ?, now(), 'PUBLISHED', 1)""",
					id, "{\"id\":\"" + id + "\"}");
			ids.add(id);
		}
		return ids;
	}

	private List<String> statuses(List<UUID> ids) {
		return jdbc.queryForList("SELECT status FROM event_publication WHERE id = ANY(?::uuid[])", String.class,
				(Object) ids.stream().map(UUID::toString).toArray(String[]::new));
	}

}
