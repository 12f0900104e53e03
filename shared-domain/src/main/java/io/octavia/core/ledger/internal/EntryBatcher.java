package io.octavia.core.ledger.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Group commit for single entries: concurrent requests of one tenant on this node are
 * written together, in one transaction. Under load this turns many short transactions
 * that queue on the same account rows and on the WAL flush into a few larger ones; alone,
 * a request is written at once. Each entry keeps its own outcome: a refused entry does
 * not move the totals the others see and does not stop them (as in an independent bulk).
 * If the shared transaction fails as a whole, each entry of it is written again on its
 * own, so one entry's failure is never another's.
 * <p>
 * The transactions run on a few platform threads of their own ({@code ledger-writer-*},
 * {@code octavia.ledger.writer-threads}), one batch of a tenant at a time, tenants taking
 * turns; the requests' virtual threads wait for their outcomes. A tenant's batches are
 * its writes' serial part, and most of a batch's time is its round trips to PostgreSQL:
 * on a virtual thread each reply waited for a carrier behind other requests' CPU work
 * (HTTP, JSON), which stretched every batch and the wait of everything queued behind it
 * (BENCHMARKS.md); a platform thread asleep on its socket is run as soon as the reply is
 * there.
 */
@Component
class EntryBatcher implements DisposableBean {

	/** At most this many entries per shared transaction. */
	static final int MAX_BATCH = 256;

	private final Map<TenantId, Lane> lanes = new ConcurrentHashMap<>();

	private final ExecutorService writers;

	private final DistributionSummary batchSizes;

	EntryBatcher(@Value("${octavia.ledger.writer-threads:4}") int threads, MeterRegistry meters) {
		this.writers = Executors.newFixedThreadPool(threads,
				Thread.ofPlatform().name("ledger-writer-", 1).daemon(true).factory());
		this.batchSizes = DistributionSummary.builder("octavia.ledger.group.commit.entries")
			.description("Single entries written together in one transaction")
			.register(meters);
	}

	/** A tenant's entries waiting to be written; draining while a writer has its turn. */
	private static final class Lane {

		final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();

		final AtomicBoolean draining = new AtomicBoolean();

	}

	private record Waiting(Plan plan, TenantContext.Scope scope, Function<List<Plan>, List<EntryWriter.Outcome>> write,
			CompletableFuture<EntryWriter.Outcome> outcome) {
	}

	/**
	 * Writes the plan together with whatever else of the tenant is waiting.
	 * @param write writes a list of plans in one transaction (with the tenant's scope
	 * bound), one outcome per plan
	 */
	EntryWriter.Outcome write(TenantId tenant, Plan plan, Function<List<Plan>, List<EntryWriter.Outcome>> write) {
		Lane lane = lanes.computeIfAbsent(tenant, key -> new Lane());
		Waiting mine = new Waiting(plan, TenantContext.current().orElseThrow(), write, new CompletableFuture<>());
		lane.queue.add(mine);
		if (lane.draining.compareAndSet(false, true)) {
			turn(lane);
		}
		try {
			return mine.outcome().join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/** Gives the lane a writer's turn: one batch, then the other lanes' turns. */
	private void turn(Lane lane) {
		try {
			writers.execute(() -> {
				try {
					writeWaiting(lane);
				}
				finally {
					lane.draining.set(false);
					// what came after the batch was taken, or while the flag was still
					// set
					if (!lane.queue.isEmpty() && lane.draining.compareAndSet(false, true)) {
						turn(lane);
					}
				}
			});
		}
		catch (RejectedExecutionException stopping) {
			for (Waiting waiting = lane.queue.poll(); waiting != null; waiting = lane.queue.poll()) {
				waiting.outcome().completeExceptionally(stopping);
			}
			lane.draining.set(false);
		}
	}

	private void writeWaiting(Lane lane) {
		List<Waiting> batch = new ArrayList<>();
		for (Waiting next; batch.size() < MAX_BATCH && (next = lane.queue.poll()) != null;) {
			batch.add(next);
		}
		if (batch.isEmpty()) {
			return;
		}
		this.batchSizes.record(batch.size());
		Waiting first = batch.get(0);
		try {
			List<EntryWriter.Outcome> outcomes = TenantContext.call(first.scope(),
					() -> first.write().apply(batch.stream().map(Waiting::plan).toList()));
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).outcome().complete(outcomes.get(i));
			}
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				first.outcome().completeExceptionally(ex);
				return;
			}
			for (Waiting waiting : batch) {
				if (!(ex instanceof DataIntegrityViolationException) && waiting.plan().idempotencyKey() == null) {
					waiting.outcome().completeExceptionally(ex);
					continue;
				}
				try {
					waiting.outcome()
						.complete(TenantContext.call(waiting.scope(),
								() -> waiting.write().apply(List.of(waiting.plan())).get(0)));
				}
				catch (RuntimeException alone) {
					waiting.outcome().completeExceptionally(alone);
				}
			}
		}
		catch (Error ex) {
			// never leave a request waiting forever
			batch.forEach((waiting) -> waiting.outcome().completeExceptionally(ex));
			throw ex;
		}
	}

	@Override
	public void destroy() {
		writers.shutdown();
	}

}
