package io.octavia.core.gateway.signing;

import io.octavia.core.platform.DomainProblem;

/**
 * A nonce's {@code SET NX} on its way to Redis ({@link NonceStore#reserve}): awaited
 * before the request may change or reveal anything, else abandoned when the request ends.
 */
public final class NonceReservation {

	/** Redis's answer to the command: true when the nonce was set. */
	interface Reply {

		boolean fresh() throws Exception;

		/** The answer is not wanted any more; frees what waits for it. */
		default void abandon() {
		}

	}

	private final Reply reply;

	private boolean settled;

	NonceReservation(Reply reply) {
		this.reply = reply;
	}

	/** A nonce known to be fresh, for benchmarks that leave Redis out. */
	static NonceReservation fresh() {
		return new NonceReservation(() -> true);
	}

	/**
	 * Waits for the reply, at most the Redis command timeout
	 * ({@code spring.data.redis.timeout}); once per reservation.
	 * @throws DomainProblem 401 {@code nonce_replayed} when the nonce was seen before
	 * @throws NonceStore.Unavailable when Redis failed or did not answer in time: the
	 * request must be refused (fail closed)
	 */
	public void await() {
		if (settled) {
			throw new IllegalStateException("The nonce was awaited already");
		}
		settled = true;
		boolean fresh;
		try {
			fresh = reply.fresh();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NonceStore.Unavailable(ex);
		}
		catch (Exception ex) {
			throw new NonceStore.Unavailable(ex);
		}
		if (!fresh) {
			throw new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, "nonce_replayed");
		}
	}

	/**
	 * For a request refused before its nonce was awaited: the reply is discarded (its
	 * connection can serve the next request). Does nothing once awaited.
	 */
	public void abandon() {
		if (!settled) {
			settled = true;
			reply.abandon();
		}
	}

}
