package io.octavia.core.gateway.signing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.octavia.core.platform.DomainProblem;

/**
 * A nonce's {@code SET NX} on its way to Redis ({@link NonceStore#reserve}).
 */
public final class NonceReservation {

	/** Redis's reply: {@code OK} when the nonce was set, null when it existed. */
	private final CompletableFuture<String> reply;

	/** {@link System#nanoTime()} by which the reply must be there. */
	private final long deadline;

	NonceReservation(CompletableFuture<String> reply, long deadline) {
		this.reply = reply;
		this.deadline = deadline;
	}

	/** A nonce known to be fresh, for benchmarks that leave Redis out. */
	static NonceReservation fresh() {
		return new NonceReservation(CompletableFuture.completedFuture("OK"), System.nanoTime());
	}

	/**
	 * Waits for the reply, at most until the deadline.
	 * @throws DomainProblem 401 {@code nonce_replayed} when the nonce was seen before
	 * @throws NonceStore.Unavailable when Redis failed or did not answer in time: the
	 * request must be refused (fail closed)
	 */
	public void await() {
		String answer;
		try {
			answer = reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NonceStore.Unavailable(ex);
		}
		catch (ExecutionException ex) {
			throw new NonceStore.Unavailable(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new NonceStore.Unavailable(ex);
		}
		if (answer == null) {
			throw new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "nonce_replayed");
		}
	}

}
