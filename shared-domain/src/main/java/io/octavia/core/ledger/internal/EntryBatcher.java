package io.octavia.core.ledger.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.octavia.core.platform.TenantId;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Group commit for single entries: concurrent requests of one tenant on this node are
 * written together, in one transaction, by whichever of their threads holds the tenant's
 * lane (flat combining: no extra threads). Under load this turns many short transactions
 * that queue on the same account rows and on the WAL flush into a few larger ones; alone,
 * a request writes itself at once. Each entry keeps its own outcome: a refused entry does
 * not move the totals the others see and does not stop them (as in an independent bulk).
 * If the shared transaction fails as a whole, each entry of it is written again on its
 * own, so one entry's failure is never another's.
 */
@Component
class EntryBatcher {

	/** At most this many entries per shared transaction. */
	static final int MAX_BATCH = 256;

	private final Map<TenantId, Lane> lanes = new ConcurrentHashMap<>();

	private static final class Lane {

		final ReentrantLock lock = new ReentrantLock();

		final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();

	}

	private record Waiting(Plan plan, CompletableFuture<EntryWriter.Outcome> outcome) {
	}

	/**
	 * Writes the plan together with whatever else of the tenant is waiting.
	 * @param write writes a list of plans in one transaction (with the tenant's scope
	 * bound), one outcome per plan
	 */
	EntryWriter.Outcome write(TenantId tenant, Plan plan, Function<List<Plan>, List<EntryWriter.Outcome>> write) {
		Lane lane = lanes.computeIfAbsent(tenant, key -> new Lane());
		Waiting mine = new Waiting(plan, new CompletableFuture<>());
		lane.queue.add(mine);
		while (!mine.outcome().isDone()) {
			lane.lock.lock();
			try {
				if (!mine.outcome().isDone()) {
					writeWaiting(lane, write);
				}
			}
			finally {
				lane.lock.unlock();
			}
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

	private void writeWaiting(Lane lane, Function<List<Plan>, List<EntryWriter.Outcome>> write) {
		List<Waiting> batch = new ArrayList<>();
		for (Waiting next; batch.size() < MAX_BATCH && (next = lane.queue.poll()) != null;) {
			batch.add(next);
		}
		if (batch.isEmpty()) {
			return;
		}
		try {
			List<EntryWriter.Outcome> outcomes = write.apply(batch.stream().map(Waiting::plan).toList());
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).outcome().complete(outcomes.get(i));
			}
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				batch.get(0).outcome().completeExceptionally(ex);
				return;
			}
			for (Waiting waiting : batch) {
				if (!(ex instanceof DataIntegrityViolationException) && waiting.plan().idempotencyKey() == null) {
					waiting.outcome().completeExceptionally(ex);
					continue;
				}
				try {
					waiting.outcome().complete(write.apply(List.of(waiting.plan())).get(0));
				}
				catch (RuntimeException alone) {
					waiting.outcome().completeExceptionally(alone);
				}
			}
		}
	}

}
