package io.octavia.core.ledger.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.octavia.core.ledger.EntryKind;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The group commit of single entries without a database: who writes a batch, what it
 * contains, and that every request gets its own outcome.
 */
// a request left waiting by the batcher fails the test instead of hanging it
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EntryBatcherTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final EntryBatcher batcher = new EntryBatcher(2, meters);

	private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

	@AfterEach
	void stop() {
		requests.shutdownNow();
		batcher.destroy();
	}

	@Test
	void entriesWaitingWhileABatchIsWrittenAreWrittenTogetherOnAWriterThreadInTheCallersScope() throws Exception {
		TenantId tenant = new TenantId(Ids.newId());
		CountDownLatch firstBatchStarted = new CountDownLatch(1);
		CountDownLatch releaseFirstBatch = new CountDownLatch(1);
		List<Integer> batchSizes = new CopyOnWriteArrayList<>();
		List<String> writers = new CopyOnWriteArrayList<>();
		List<TenantId> boundTenants = new CopyOnWriteArrayList<>();
		Function<List<Plan>, List<EntryWriter.Outcome>> write = (plans) -> {
			batchSizes.add(plans.size());
			writers.add(Thread.currentThread().getName());
			boundTenants.add(TenantContext.requireTenant());
			if (batchSizes.size() == 1) {
				firstBatchStarted.countDown();
				awaitQuietly(releaseFirstBatch);
			}
			// each plan's outcome tells which plan it was: refused with its description
			return plans.stream().map((plan) -> refused(plan.description())).toList();
		};
		Future<String> first = requests.submit(() -> post(tenant, "entry-0", write));
		assertThat(firstBatchStarted.await(5, TimeUnit.SECONDS)).isTrue();
		List<Future<String>> waiting = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			String description = "entry-" + i;
			waiting.add(requests.submit(() -> post(tenant, description, write)));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> batchSizes.size() == 1 && allQueued(waiting));
		releaseFirstBatch.countDown();

		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("entry-0");
		for (int i = 0; i < waiting.size(); i++) {
			assertThat(waiting.get(i).get(5, TimeUnit.SECONDS)).as("its own outcome").isEqualTo("entry-" + (i + 1));
		}
		assertThat(batchSizes).containsExactly(1, 5);
		DistributionSummary written = meters.get("octavia.ledger.group.commit.entries").summary();
		assertThat(written.count()).as("transactions").isEqualTo(2);
		assertThat(written.totalAmount()).as("entries").isEqualTo(6);
		assertThat(written.max()).isEqualTo(5);
		assertThat(writers).allSatisfy((name) -> assertThat(name).startsWith("ledger-writer-"));
		assertThat(boundTenants).containsOnly(tenant);
	}

	@Test
	void aBatchThatFailsAsAWholeFailsItsRequestsWithoutAKeyAndLeavesTheLaneUsable() throws Exception {
		TenantId tenant = new TenantId(Ids.newId());
		Function<List<Plan>, List<EntryWriter.Outcome>> failing = (plans) -> {
			throw new IllegalStateException("connection lost");
		};
		assertThatThrownBy(() -> post(tenant, "lost", failing)).isInstanceOf(IllegalStateException.class)
			.hasMessage("connection lost");
		assertThat(post(tenant, "next", (plans) -> plans.stream().map((plan) -> refused(plan.description())).toList()))
			.isEqualTo("next");
	}

	@Test
	void anErrorInTheWriterReachesTheRequestAndTheLaneGoesOn() {
		TenantId tenant = new TenantId(Ids.newId());
		assertThatThrownBy(() -> post(tenant, "oom", (plans) -> {
			throw new OutOfMemoryError("simulated");
		})).hasRootCauseInstanceOf(OutOfMemoryError.class);
		assertThat(post(tenant, "after", (plans) -> plans.stream().map((plan) -> refused(plan.description())).toList()))
			.as("the tenant's lane is not stuck")
			.isEqualTo("after");
	}

	private String post(TenantId tenant, String description, Function<List<Plan>, List<EntryWriter.Outcome>> write) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), () -> {
			EntryWriter.Outcome outcome = batcher.write(tenant, plan(tenant, description), write);
			return (String) outcome.problem().arguments().get(0);
		});
	}

	private static boolean allQueued(List<Future<String>> waiting) throws InterruptedException {
		// the requests are parked on their outcomes once queued: give them a moment
		Thread.sleep(200);
		return waiting.stream().noneMatch(Future::isDone);
	}

	private static EntryWriter.Outcome refused(String description) {
		return new EntryWriter.Outcome(null,
				new DomainProblem(DomainProblem.Kind.UNPROCESSABLE, "test_refusal", description));
	}

	private static Plan plan(TenantId tenant, String description) {
		return new Plan(new LedgerId(Ids.newId()), EntryKind.STANDARD, List.of(), null, null, null, null, false,
				description, null, "{}", null, new byte[0], List.of(),
				new EventMetadata(Ids.newId(), Instant.now(), tenant, null, null, "test", null, null, null, null));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
