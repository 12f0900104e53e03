package io.octavia.core.server.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

import org.springframework.boot.SpringApplication;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real servers of development mode and of the test suite, started in-process at most
 * once per JVM and stopped when the JVM exits. Each server starts only when the
 * application has no connection setting for it, so a developer can mix embedded and
 * external parts.
 */
public final class EmbeddedInfrastructure {

	private static final Log logger = LogFactory.getLog(EmbeddedInfrastructure.class);

	/**
	 * Password of the embedded database roles; the embedded server only listens on
	 * loopback.
	 */
	static final String DEV_PASSWORD = "octavia";

	private static final EmbeddedInfrastructure INSTANCE = new EmbeddedInfrastructure();

	private volatile @Nullable EmbeddedPostgres postgres;

	private volatile @Nullable RedisServer redis;

	private volatile int redisPort;

	private volatile @Nullable EmbeddedKafkaKraftBroker kafka;

	private volatile @Nullable KafkaFrontDoor kafkaFrontDoor;

	private volatile @Nullable GreenMail mail;

	private final Map<String, String> endpoints = new ConcurrentSkipListMap<>();

	// one lock per server: they start side by side
	private final Object postgresLock = new Object();

	private final Object redisLock = new Object();

	private final Object kafkaLock = new Object();

	private final Object mailLock = new Object();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private EmbeddedInfrastructure() {
		// runs after Spring Boot closed every application context of the JVM, so
		// producers
		// and pools shut down against live servers instead of retrying against dead ones
		SpringApplication.getShutdownHandlers().add(this::stop);
		// fallback for exits where Boot's hook never ran (a context that failed or exited
		// on
		// refresh): give it a moment, then stop the servers so no process outlives the
		// JVM
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				if (!stopped.await(10, TimeUnit.SECONDS)) {
					stop();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "octavia-embedded-fallback-shutdown"));
	}

	public static EmbeddedInfrastructure get() {
		return INSTANCE;
	}

	/** Human-readable addresses of what was started, for the startup banner. */
	public Map<String, String> endpoints() {
		return Map.copyOf(endpoints);
	}

	/** The embedded SMTP server, when one runs: the console shows its received mail. */
	public @Nullable GreenMail mailServer() {
		synchronized (mailLock) {
			return mail;

		}
	}

	Map<String, Object> postgres(EmbeddedSettings settings) {
		synchronized (postgresLock) {
			if (postgres == null) {
				long started = System.nanoTime();
				try {
					EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
						.setPort(port(settings.postgresPort()))
						.setPGStartupWait(Duration.ofSeconds(60));
					if (settings.persistent()) {
						Path dataDir = settings.dataDir().resolve("postgres");
						Files.createDirectories(dataDir);
						builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
					}
					postgres = builder.start();
					createDatabaseAndRoles(postgres);
				}
				catch (IOException | SQLException ex) {
					throw new IllegalStateException("Could not start embedded PostgreSQL", ex);
				}
				endpoints.put("PostgreSQL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/octavia"
						+ (settings.persistent() ? " (data in " + settings.dataDir().resolve("postgres") + ")" : ""));
				logger
					.info("Embedded PostgreSQL on port " + postgres.getPort() + " in " + millisSince(started) + " ms");
			}
			String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/octavia";
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("spring.datasource.url", url);
			properties.put("spring.datasource.username", "octavia_app");
			properties.put("spring.datasource.password", DEV_PASSWORD);
			properties.put("spring.flyway.user", "octavia_owner");
			properties.put("spring.flyway.password", DEV_PASSWORD);
			return properties;

		}
	}

	/**
	 * The same split as in production: the owner role migrates, the application role is
	 * neither owner nor superuser and cannot bypass row-level security.
	 */
	private static void createDatabaseAndRoles(EmbeddedPostgres postgres) throws SQLException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("""
					DO $$ BEGIN
					  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'octavia_owner') THEN
					    CREATE ROLE octavia_owner LOGIN PASSWORD '%1$s';
					  END IF;
					  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'octavia_app') THEN
					    CREATE ROLE octavia_app LOGIN PASSWORD '%1$s' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
					  END IF;
					END $$""".formatted(DEV_PASSWORD));
			boolean exists;
			try (var rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'octavia'")) {
				exists = rs.next();
			}
			if (!exists) {
				statement.execute("CREATE DATABASE octavia OWNER octavia_owner");
				statement.execute("REVOKE ALL ON DATABASE octavia FROM PUBLIC");
				statement.execute("GRANT CONNECT ON DATABASE octavia TO octavia_app");
			}
		}
	}

	Map<String, Object> redis(EmbeddedSettings settings) {
		synchronized (redisLock) {
			if (redis == null) {
				redisPort = port(settings.redisPort());
				try {
					redis = RedisServer.newRedisServer()
						.port(redisPort)
						.bind("127.0.0.1")
						.setting("save \"\"")
						.setting("appendonly no")
						.build();
					redis.start();
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Could not start embedded Redis", ex);
				}
				endpoints.put("Redis", "redis://127.0.0.1:" + redisPort);
			}
			return Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", redisPort);

		}
	}

	Map<String, Object> kafka(EmbeddedSettings settings) {
		synchronized (kafkaLock) {
			if (kafkaFrontDoor == null) {
				kafkaFrontDoor = new KafkaFrontDoor(settings.kafkaPort());
				startKafka();
				endpoints.put("Kafka", bootstrapServers());
			}
			return Map.of("spring.kafka.bootstrap-servers", bootstrapServers());

		}
	}

	private String bootstrapServers() {
		return "localhost:" + kafkaFrontDoor.port();
	}

	/**
	 * Stops the embedded broker, as in an outage: the outbox keeps what is committed
	 * meanwhile. For outage drills in development and in tests; {@link #restartKafka()}
	 * brings it back.
	 */
	public void stopKafka() {
		synchronized (kafkaLock) {
			if (kafka != null) {
				kafka.destroy();
				kafka = null;
				kafkaFrontDoor.disconnectAll();
			}

		}
	}

	/** Starts a fresh broker behind the same address after {@link #stopKafka()}. */
	public void restartKafka() {
		synchronized (kafkaLock) {
			if (kafka == null) {
				startKafka();
			}

		}
	}

	private void startKafka() {
		long started = System.nanoTime();
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		// by default it publishes its real address as the system property
		// spring.kafka.bootstrap-servers, which would bypass the front door
		broker.brokerListProperty("octavia.embedded.kafka.broker-address");
		broker.brokerProperty("advertised.listeners", "EXTERNAL://" + bootstrapServers());
		broker.brokerProperty("auto.create.topics.enable", "true");
		broker.brokerProperty("num.partitions", "3");
		broker.afterPropertiesSet();
		String actual = broker.getBrokersAsString();
		kafkaFrontDoor.forwardTo(Integer.parseInt(actual.substring(actual.lastIndexOf(':') + 1)));
		kafka = broker;
		logger.info("Embedded Kafka (KRaft) on " + bootstrapServers() + " in " + millisSince(started) + " ms");
	}

	Map<String, Object> mail(EmbeddedSettings settings) {
		synchronized (mailLock) {
			if (mail == null) {
				ServerSetup smtp = new ServerSetup(port(settings.smtpPort()), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
				mail = new GreenMail(smtp);
				mail.start();
				endpoints.put("SMTP", "smtp://127.0.0.1:" + mail.getSmtp().getPort());
			}
			return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", mail.getSmtp().getPort());

		}
	}

	/**
	 * Runs once: at exit after every application context closed, or after a failed start.
	 */
	synchronized void stop() {
		if (stopped.getCount() == 0) {
			return;
		}
		try {
			stopServers();
		}
		finally {
			stopped.countDown();
		}
	}

	private void stopServers() {
		if (mail != null) {
			mail.stop();
		}
		if (kafka != null) {
			kafka.destroy();
		}
		if (kafkaFrontDoor != null) {
			kafkaFrontDoor.close();
		}
		if (redis != null) {
			try {
				redis.stop();
			}
			catch (IOException ex) {
				logger.warn("Could not stop embedded Redis", ex);
			}
		}
		if (postgres != null) {
			try {
				postgres.close();
			}
			catch (IOException ex) {
				logger.warn("Could not stop embedded PostgreSQL", ex);
			}
		}
	}

	/** A configured port, or a free one for 0 (tests run side by side). */
	private static int port(int configured) {
		if (configured > 0) {
			try (ServerSocket probe = new ServerSocket(configured, 1, InetAddress.getLoopbackAddress())) {
				return configured;
			}
			catch (IOException ex) {
				throw new IllegalStateException("Port " + configured + " for an embedded server is in use: is another "
						+ "Octavia Core running in development mode? Stop it, or choose other ports with "
						+ "octavia.embedded.{postgres,redis,kafka,smtp}-port (0 picks a free one)", ex);
			}
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
