package io.octavia.core.gateway.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.SetArgs;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Each signature nonce is accepted once per key, on every node: Redis
 * {@code SET octavia:sig-nonce:<keyId>:<nonce> 1 NX EX 900}, longer than any signature
 * can be valid (its lifetime plus the clock skew on both sides). Without Redis a signed
 * request fails (the store fails closed): accepting a replay is worse than refusing.
 * <p>
 * The command is sent without waiting for the reply ({@link #reserve}), so the round trip
 * overlaps the rest of the request's work; the gateway awaits the reply before the
 * request can change anything or answer. On a standalone Redis the request's own thread
 * writes the command and later reads the reply ({@link NonceConnections}); behind
 * Sentinel or a cluster it goes through Lettuce's asynchronous API on the shared
 * connection, whose event-loop thread completes a future.
 */
@Component
public class NonceStore implements DisposableBean {

	static final Duration RETENTION = Duration.ofSeconds(900);

	private static final byte[] ONE = { '1' };

	private final @Nullable LettuceConnectionFactory lettuce;

	private final @Nullable NonceConnections direct;

	NonceStore(@Nullable LettuceConnectionFactory connections) {
		this.lettuce = connections;
		this.direct = (connections != null) ? NonceConnections.of(connections, RETENTION.toSeconds()) : null;
	}

	/**
	 * Sends the nonce's {@code SET NX} and returns at once;
	 * {@link NonceReservation#await} tells whether the nonce was fresh.
	 */
	public NonceReservation reserve(String keyId, String nonce) {
		byte[] key = ("octavia:sig-nonce:" + keyId + ":" + nonce).getBytes(StandardCharsets.UTF_8);
		try {
			if (direct != null) {
				return new NonceReservation(direct.send(key));
			}
			return lettuce(key);
		}
		catch (RuntimeException ex) {
			// e.g. no connection to Redis: refused when awaited, like any other failure
			return new NonceReservation(() -> {
				throw ex;
			});
		}
	}

	private NonceReservation lettuce(byte[] key) {
		long timeout = lettuce.getTimeout();
		CompletableFuture<String> reply;
		// closing the connection leaves the shared native connection, and the command on
		// it, alone
		try (RedisConnection connection = lettuce.getConnection()) {
			reply = ((LettuceConnection) connection).getNativeConnection()
				.set(key, ONE, SetArgs.Builder.nx().ex(RETENTION))
				.toCompletableFuture();
		}
		return new NonceReservation(() -> reply.get(timeout, TimeUnit.MILLISECONDS) != null);
	}

	@Override
	public void destroy() {
		if (direct != null) {
			direct.close();
		}
	}

	/** The nonce could not be checked (Redis failed or did not answer in time). */
	public static final class Unavailable extends RuntimeException {

		Unavailable(Throwable cause) {
			super("The signature nonce could not be checked", cause);
		}

	}

}
