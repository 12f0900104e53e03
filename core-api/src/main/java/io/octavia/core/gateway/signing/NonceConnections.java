package io.octavia.core.gateway.signing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.jspecify.annotations.Nullable;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Blocking connections to a standalone Redis used by the request's own thread: the
 * {@code SET NX} is written straight to the socket and its reply read from it, later, on
 * the same thread. A signed request thus costs two system calls and, as the reply is
 * usually there by the time it is read, no thread hand-over — through Lettuce the same
 * command woke its event-loop thread twice and completed a future (BENCHMARKS.md). The
 * connections are Jedis's; an idle one is kept for the next request.
 */
final class NonceConnections implements AutoCloseable {

	/** Idle connections kept; more are opened under load and closed when returned. */
	private static final int MAX_IDLE = 64;

	private static final byte[] ONE = { '1' };

	private static final byte[] NX = "NX".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] EX = "EX".getBytes(StandardCharsets.US_ASCII);

	private final HostAndPort address;

	private final JedisClientConfig config;

	private final byte[] retentionSeconds;

	private final BlockingQueue<NonceConnection> idle = new ArrayBlockingQueue<>(MAX_IDLE);

	private NonceConnections(HostAndPort address, JedisClientConfig config, long retentionSeconds) {
		this.address = address;
		this.config = config;
		this.retentionSeconds = Long.toString(retentionSeconds).getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * The same server, credentials, database and TLS as the application's Lettuce
	 * connections; null when those reach Redis through Sentinel or a cluster, which only
	 * Lettuce's connections follow.
	 */
	static @Nullable NonceConnections of(LettuceConnectionFactory factory, long retentionSeconds) {
		if (factory.getSentinelConfiguration() != null || factory.getClusterConfiguration() != null) {
			return null;
		}
		RedisStandaloneConfiguration server = factory.getStandaloneConfiguration();
		int timeout = (int) Math.min(Integer.MAX_VALUE, factory.getTimeout());
		DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
			.database(server.getDatabase())
			.ssl(factory.isUseSsl())
			.connectionTimeoutMillis(timeout)
			.socketTimeoutMillis(timeout)
			.clientName("octavia-nonces");
		if (server.getUsername() != null) {
			config.user(server.getUsername());
		}
		if (server.getPassword().isPresent()) {
			config.password(new String(server.getPassword().get()));
		}
		return new NonceConnections(new HostAndPort(server.getHostName(), server.getPort()), config.build(),
				retentionSeconds);
	}

	/**
	 * Writes {@code SET <key> 1 NX EX <retention>} on an idle connection (a new one if
	 * none is idle, or when the idle one turns out to be closed) and returns at once.
	 * @throws RuntimeException when Redis cannot be reached
	 */
	Pending send(byte[] key) {
		NonceConnection connection = idle.poll();
		if (connection != null) {
			try {
				connection.send(key);
				return new Pending(key, connection, true);
			}
			catch (RuntimeException closed) {
				// e.g. Redis restarted since: the command did not leave, try a fresh
				// connection
				discardIdle(connection);
			}
		}
		return new Pending(key, sentOnNewConnection(key), false);
	}

	@Override
	public void close() {
		for (NonceConnection connection = idle.poll(); connection != null; connection = idle.poll()) {
			connection.close();
		}
	}

	private NonceConnection sentOnNewConnection(byte[] key) {
		NonceConnection connection = new NonceConnection(address, config, retentionSeconds);
		try {
			connection.send(key);
			return connection;
		}
		catch (RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/** Reads the reply and gives the connection back; a failed one is closed. */
	private boolean replied(NonceConnection connection) {
		try {
			boolean fresh = connection.reply();
			if (!idle.offer(connection)) {
				connection.close();
			}
			return fresh;
		}
		catch (RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	private void discardIdle(NonceConnection broken) {
		broken.close();
		// they were opened before the same event, most likely dead too
		close();
	}

	/** A sent {@code SET NX} whose reply is still on the connection. */
	final class Pending implements NonceReservation.Reply {

		private final byte[] key;

		private final NonceConnection connection;

		private final boolean reused;

		private Pending(byte[] key, NonceConnection connection, boolean reused) {
			this.key = key;
			this.connection = connection;
			this.reused = reused;
		}

		/**
		 * Reads the reply (blocking at most the configured timeout): true when the nonce
		 * was set, false when it existed. The connection goes back to the idle ones. A
		 * reused connection that failed is tried once more on a new one: the retry can
		 * only turn a fresh nonce into a refused one (if the first command did arrive),
		 * never let a replay through.
		 * @throws RuntimeException when Redis failed or did not answer in time
		 */
		@Override
		public boolean fresh() {
			try {
				return replied(connection);
			}
			catch (RuntimeException ex) {
				if (!reused) {
					throw ex;
				}
				discardIdle(connection);
				try {
					return replied(sentOnNewConnection(key));
				}
				catch (RuntimeException again) {
					again.addSuppressed(ex);
					throw again;
				}
			}
		}

		/** The request was refused first: the reply is read and dropped. */
		@Override
		public void abandon() {
			try {
				replied(connection);
			}
			catch (RuntimeException ex) {
				// closed by replied: nothing else to do for a reply nobody wants
			}
		}

	}

	/** Jedis's connection with its buffered command flushed without reading a reply. */
	private static final class NonceConnection extends Connection {

		private final byte[] retentionSeconds;

		NonceConnection(HostAndPort address, JedisClientConfig config, byte[] retentionSeconds) {
			super(address, config);
			this.retentionSeconds = retentionSeconds;
		}

		void send(byte[] key) {
			sendCommand(Protocol.Command.SET, key, ONE, NX, EX, retentionSeconds);
			flush();
		}

		/** {@code OK}, or null when the key existed. */
		boolean reply() {
			return getOne() != null;
		}

	}

}
