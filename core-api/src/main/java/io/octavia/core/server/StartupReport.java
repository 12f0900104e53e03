package io.octavia.core.server;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.server.embedded.EmbeddedInfrastructure;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who started the application where everything is. */
@Component
class StartupReport {

	private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

	@EventListener
	void ready(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		String base = "http://localhost:" + port;
		StringBuilder report = new StringBuilder("\n\n  Octavia Core is ready (roles: ").append(Roles.from(environment))
			.append(")\n");
		line(report, "JSON API", base + "/api/v1/meta");
		line(report, "OpenAPI", base + "/swagger-ui.html");
		line(report, "Operator console", base + "/admin");
		line(report, "Tenant portal", base + "/portal");
		line(report, "Metrics", base + "/actuator/prometheus");
		if (environment.getProperty("octavia.embedded.active", Boolean.class, false)) {
			report.append("\n  DEVELOPMENT MODE: embedded servers, not for production")
				.append(" (set octavia.embedded-infrastructure=false and connection settings)\n");
			for (Map.Entry<String, String> endpoint : EmbeddedInfrastructure.get().endpoints().entrySet()) {
				line(report, endpoint.getKey(), endpoint.getValue());
			}
			report.append("  Reset all data: stop the application and delete ./.octavia\n");
		}
		log.info(report.toString());
	}

	private static void line(StringBuilder report, String name, String value) {
		report.append(String.format("  %-18s %s%n", name, value));
	}

}
