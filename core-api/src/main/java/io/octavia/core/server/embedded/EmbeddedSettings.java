package io.octavia.core.server.embedded;

import java.nio.file.Path;

import org.springframework.core.env.Environment;

/**
 * Settings of development mode, read from the environment before the application context
 * exists (so not a {@code @ConfigurationProperties} bean).
 *
 * @param persistent keep PostgreSQL data in {@code dataDir} across restarts (tests:
 * false)
 * @param dataDir where persistent data lives, {@code ./.octavia} by default
 * @param postgresPort 0 picks a free port
 */
record EmbeddedSettings(boolean persistent, Path dataDir, int postgresPort, int redisPort, int kafkaPort,
		int smtpPort) {

	static EmbeddedSettings from(Environment env) {
		return new EmbeddedSettings(env.getProperty("octavia.embedded.persistent", Boolean.class, true),
				Path.of(env.getProperty("octavia.embedded.data-dir", ".octavia")).toAbsolutePath(),
				env.getProperty("octavia.embedded.postgres-port", Integer.class, 15432),
				env.getProperty("octavia.embedded.redis-port", Integer.class, 16379),
				env.getProperty("octavia.embedded.kafka-port", Integer.class, 19092),
				env.getProperty("octavia.embedded.smtp-port", Integer.class, 2525));
	}

}
