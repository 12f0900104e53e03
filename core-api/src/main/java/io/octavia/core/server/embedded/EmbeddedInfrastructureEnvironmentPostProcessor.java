package io.octavia.core.server.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

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

	/**
	 * @param process whether it runs as a child process: those are launched one after
	 * another, since a binary being extracted while another thread forks can fail to
	 * execute ("text file busy")
	 */
	private record Part(String name, String setting, String envVar, boolean process,
			Function<EmbeddedSettings, Map<String, Object>> starter) {
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE)) {
			return;
		}
		EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.get();
		List<Part> parts = List.of(
				new Part("PostgreSQL", "spring.datasource.url", "SPRING_DATASOURCE_URL", true,
						infrastructure::postgres),
				new Part("Redis", "spring.data.redis.host", "SPRING_DATA_REDIS_HOST", true, infrastructure::redis),
				new Part("Kafka", "spring.kafka.bootstrap-servers", "SPRING_KAFKA_BOOTSTRAP_SERVERS", false,
						infrastructure::kafka),
				new Part("SMTP", "spring.mail.host", "SPRING_MAIL_HOST", false, infrastructure::mail));
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
		// side by side: the child processes (PostgreSQL, then Redis) boot while Kafka and
		// SMTP
		// warm up in this JVM
		List<Part> processes = missing.stream().filter(Part::process).toList();
		List<CompletableFuture<Map<String, Object>>> starting = new ArrayList<>();
		starting.add(start("processes", () -> {
			Map<String, Object> started = new LinkedHashMap<>();
			processes.forEach(part -> started.putAll(part.starter().apply(settings)));
			return started;
		}));
		missing.stream()
			.filter(part -> !part.process())
			.forEach(part -> starting.add(start(part.name(), () -> part.starter().apply(settings))));
		Map<String, Object> properties = new LinkedHashMap<>();
		try {
			starting.forEach(future -> properties.putAll(future.join()));
		}
		catch (CompletionException ex) {
			// stop what did start, or its threads and processes would keep the JVM alive
			starting.forEach(future -> future.handle((result, failure) -> result).join());
			infrastructure.stop();
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
		}
		properties.put("octavia.embedded.active", true);
		if (!environment.containsProperty("octavia.security.master-key")) {
			properties.put("octavia.security.master-key", DevelopmentMasterKey.of(settings));
		}
		if (!environment.containsProperty("octavia.security.client-secret-pepper")) {
			properties.put("octavia.security.client-secret-pepper", DevelopmentMasterKey.clientSecretPepper(settings));
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
		// a person reads development mode's console: plain lines instead of JSON, unless
		// the
		// command line or the environment asks for a format
		environment.getPropertySources()
			.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new MapPropertySource(
					PROPERTY_SOURCE + "Logging", Map.of("logging.structured.format.console", "")));
	}

	private static CompletableFuture<Map<String, Object>> start(String name, Supplier<Map<String, Object>> starter) {
		return CompletableFuture.supplyAsync(starter,
				command -> Thread.ofPlatform().name("octavia-embedded-" + name).start(command));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
