package io.octavia.core.server.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Development mode, like Keycloak's {@code start-dev}: for every kind of server that has
 * no connection setting, start an embedded one and point the application at it. With
 * {@code octavia.embedded-infrastructure=false} (production, docker-compose) nothing is
 * started and a missing setting fails the start with a message naming it.
 */
public class EmbeddedInfrastructureEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "octaviaEmbeddedInfrastructure";

	private record Part(String name, String setting, String envVar,
			Function<EmbeddedSettings, Map<String, Object>> starter) {
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE)) {
			return;
		}
		EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.get();
		List<Part> parts = List.of(
				new Part("PostgreSQL", "spring.datasource.url", "SPRING_DATASOURCE_URL", infrastructure::postgres),
				new Part("Redis", "spring.data.redis.host", "SPRING_DATA_REDIS_HOST", infrastructure::redis),
				new Part("Kafka", "spring.kafka.bootstrap-servers", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
						infrastructure::kafka),
				new Part("SMTP", "spring.mail.host", "SPRING_MAIL_HOST", infrastructure::mail));
		List<Part> missing = parts.stream().filter(part -> !environment.containsProperty(part.setting())).toList();
		if (missing.isEmpty()) {
			return;
		}
		if (!environment.getProperty("octavia.embedded-infrastructure", Boolean.class, true)) {
			List<String> names = new ArrayList<>();
			missing.forEach(part -> names.add(part.name() + ": " + part.setting() + " (" + part.envVar() + ")"));
			throw new IllegalStateException("octavia.embedded-infrastructure=false but these connection settings are "
					+ "missing: " + String.join("; ", names));
		}
		EmbeddedSettings settings = EmbeddedSettings.from(environment);
		// side by side: PostgreSQL and Redis are processes of their own, so they boot
		// while
		// Kafka warms up in this JVM
		List<CompletableFuture<Map<String, Object>>> starting = missing.stream()
			.map(part -> CompletableFuture.supplyAsync(() -> part.starter().apply(settings),
					command -> Thread.ofPlatform().name("octavia-embedded-" + part.name()).start(command)))
			.toList();
		Map<String, Object> properties = new LinkedHashMap<>();
		try {
			starting.forEach(future -> properties.putAll(future.join()));
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
		}
		properties.put("octavia.embedded.active", true);
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
		// a person reads development mode's console: plain lines instead of JSON, unless
		// the
		// command line or the environment asks for a format
		environment.getPropertySources()
			.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new MapPropertySource(
					PROPERTY_SOURCE + "Logging", Map.of("logging.structured.format.console", "")));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
