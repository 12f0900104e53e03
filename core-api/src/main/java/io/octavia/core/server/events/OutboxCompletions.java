package io.octavia.core.server.events;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completed outbox publications, written together: the publications Kafka acknowledged
 * since the last flush are deleted (the default,
 * {@code spring.modulith.events.completion-mode=delete}; with {@code update} marked
 * completed) by one statement in one transaction, every
 * {@code octavia.outbox.completion-flush-interval} (100 ms), on a thread of its own.
 * Under load that is a statement per interval instead of a transaction per publication. A
 * completion not yet written when the process dies leaves its publication incomplete, so
 * it is sent again (at least once, as always); on a regular shutdown the rest is written
 * before the database connections close. A failed flush keeps its completions for the
 * next one. With {@code completion-mode=archive} every completion is left to Spring
 * Modulith as it comes.
 */
@Component
class OutboxCompletions implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxCompletions.class);

	/** At most this many completions per statement. */
	static final int MAX_PER_FLUSH = 5_000;

	private record Completion(UUID id, Instant at) {
	}

	private final ConcurrentLinkedQueue<Completion> pending = new ConcurrentLinkedQueue<>();

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Duration interval;

	/** Null with completion mode archive. */
	private final String statement;

	private final boolean withTimes;

	private volatile boolean running;

	private volatile Thread flusher;

	OutboxCompletions(JdbcTemplate jdbc, TransactionTemplate transactions,
			@Value("${octavia.outbox.completion-flush-interval:100ms}") Duration interval,
			@Value("${spring.modulith.events.completion-mode:delete}") String mode) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.interval = interval;
		this.statement = switch (mode.toLowerCase()) {
			case "update" -> """
					UPDATE event_publication p SET status = 'COMPLETED', completion_date = c.at
					FROM unnest(?::uuid[], ?::timestamptz[]) AS c(id, at)
					WHERE p.id = c.id""";
			case "delete" -> "DELETE FROM event_publication WHERE id = ANY(?::uuid[])";
			default -> null;
		};
		this.withTimes = "update".equalsIgnoreCase(mode);
	}

	/** Whether completions are collected here (else Spring Modulith writes each). */
	boolean coalesced() {
		return statement != null;
	}

	/** Records a completion, written with the next flush. */
	void completed(UUID publication, Instant at) {
		pending.add(new Completion(publication, at));
	}

	/**
	 * Writes what is pending now (at most {@value #MAX_PER_FLUSH}).
	 * @return how many were written; -1 when that failed (they are kept for the next
	 * flush)
	 */
	int flush() {
		List<Completion> batch = new ArrayList<>();
		for (Completion next; batch.size() < MAX_PER_FLUSH && (next = pending.poll()) != null;) {
			batch.add(next);
		}
		if (batch.isEmpty()) {
			return 0;
		}
		UUID[] ids = batch.stream().map(Completion::id).toArray(UUID[]::new);
		try {
			transactions.executeWithoutResult(status -> {
				jdbc.execute(OutboxBookkeeping.ASYNC_COMMIT);
				jdbc.update(statement, (ps) -> {
					ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids));
					if (withTimes) {
						Object[] times = batch.stream().map(completion -> Timestamp.from(completion.at())).toArray();
						ps.setArray(2, ps.getConnection().createArrayOf("timestamptz", times));
					}
				});
			});
			return batch.size();
		}
		catch (RuntimeException ex) {
			pending.addAll(batch);
			log.warn("Marking {} outbox publications completed failed; will retry: {}", batch.size(), ex.getMessage());
			return -1;
		}
	}

	@Override
	public void start() {
		if (!coalesced()) {
			return;
		}
		running = true;
		flusher = Thread.ofPlatform().name("outbox-completions").daemon(true).start(() -> {
			while (running) {
				LockSupport.parkNanos(interval.toNanos());
				while (flush() == MAX_PER_FLUSH) {
					// a backlog: go on at once
				}
			}
		});
	}

	@Override
	public void stop() {
		running = false;
		Thread thread = flusher;
		if (thread != null) {
			LockSupport.unpark(thread);
			try {
				thread.join(interval.multipliedBy(10).toMillis() + 5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		while (flush() > 0) {
			// the rest, before the connections close
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Stops late (after the web server, the Kafka listeners and the task executors), so
	 * that what they completed is written; the connection pool closes after every
	 * lifecycle stopped.
	 */
	@Override
	public int getPhase() {
		return 0;
	}

}
