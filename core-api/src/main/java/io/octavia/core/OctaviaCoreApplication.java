package io.octavia.core;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Octavia Core: one application serving the JSON API, the operator console and the tenant
 * portal. Without connection settings it starts embedded PostgreSQL, Redis, Kafka and
 * SMTP servers (development mode, see {@code EmbeddedInfrastructure}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "Octavia Core", sharedModules = "platform")
public class OctaviaCoreApplication {

	public static void main(String[] args) {
		SpringApplication.run(OctaviaCoreApplication.class, args);
	}

}
