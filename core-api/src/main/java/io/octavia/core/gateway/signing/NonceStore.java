package io.octavia.core.gateway.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.SetArgs;

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
 * request can change anything or answer. It goes through Lettuce's asynchronous API on
 * the connection factory's shared connection: one command and its future per nonce,
 * completed by the netty thread. (The reactive template would add a publisher, a
 * subscriber and a future adapter per call for the same command.)
 */
@Component
public class NonceStore {

	static final Duration RETENTION = Duration.ofSeconds(900);

	private static final byte[] ONE = { '1' };

	private final LettuceConnectionFactory connections;

	NonceStore(LettuceConnectionFactory connections) {
		this.connections = connections;
	}

	/**
	 * Sends the nonce's {@code SET NX} and returns at once;
	 * {@link NonceReservation#await} tells, within the Redis command timeout
	 * ({@code spring.data.redis.timeout}), whether the nonce was fresh.
	 */
	public NonceReservation reserve(String keyId, String nonce) {
		byte[] key = ("octavia:sig-nonce:" + keyId + ":" + nonce).getBytes(StandardCharsets.UTF_8);
		long deadline = System.nanoTime() + Duration.ofMillis(connections.getTimeout()).toNanos();
		CompletableFuture<String> reply;
		// closing the connection leaves the shared native connection, and the command on
		// it, alone
		try (RedisConnection connection = connections.getConnection()) {
			reply = ((LettuceConnection) connection).getNativeConnection()
				.set(key, ONE, SetArgs.Builder.nx().ex(RETENTION))
				.toCompletableFuture();
		}
		catch (RuntimeException ex) {
			// e.g. no connection to Redis: refused when awaited, like any other failure
			reply = CompletableFuture.failedFuture(ex);
		}
		return new NonceReservation(reply, deadline);
	}

	/** The nonce could not be checked (Redis failed or did not answer in time). */
	public static final class Unavailable extends RuntimeException {

		Unavailable(Throwable cause) {
			super("The signature nonce could not be checked", cause);
		}

	}

}
