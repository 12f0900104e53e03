package io.octavia.core.api;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.octavia.core.platform.web.PublicEndpoint;

import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public discovery document: what this API is and where its parts are. */
@RestController
@RequestMapping("/api/v1/meta")
@Tag(name = "Meta", description = "What this API is and where its parts are")
class MetaController {

	private final String version;

	MetaController(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "development";
	}

	/**
	 * @param name product name
	 * @param version application version
	 * @param apiVersion version of this API, part of every path
	 * @param locales languages of messages and problem details (send Accept-Language)
	 * @param links where the documentation and the consoles are
	 */
	record Meta(String name, String version, String apiVersion, List<String> locales, Map<String, String> links) {
	}

	@PublicEndpoint("discovery: what this API is and where its documentation is")
	@GetMapping
	@Operation(summary = "Describe the API", description = "Needs no credential.")
	Meta meta() {
		return new Meta("Octavia Core", version, "v1", List.of("en", "de", "fr", "es", "fa"),
				Map.of("openapi", "/v3/api-docs", "swaggerUi", "/swagger-ui.html", "operatorConsole", "/admin",
						"tenantPortal", "/portal", "problems", "/problems"));
	}

}
