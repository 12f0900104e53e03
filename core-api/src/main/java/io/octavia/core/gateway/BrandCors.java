package io.octavia.core.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * Cross-origin access to the API for the brands' own sites: an {@code Origin} whose host
 * is a hostname of some brand may call the API from a browser — over https, or over plain
 * http for {@code *.localhost} names in development. Any other origin gets no CORS
 * headers, so the browser keeps the response from the page. Credentials travel in
 * headers, never in cookies, so no CORS credentials are allowed.
 */
@Component
class BrandCors implements CorsConfigurationSource {

	static final List<String> EXPOSED_HEADERS = List.of(GatewayFilter.REQUEST_ID, GatewayFilter.TENANT_ID,
			GatewayFilter.BRAND_ID, "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset",
			HttpHeaders.RETRY_AFTER);

	private final TenantDirectory directory;

	BrandCors(TenantDirectory directory) {
		this.directory = directory;
	}

	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin == null || !request.getRequestURI().startsWith("/api/") || !isBrandOrigin(origin)) {
			return null;
		}
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.addAllowedOrigin(origin);
		configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
		configuration.addAllowedHeader(CorsConfiguration.ALL);
		configuration.setExposedHeaders(EXPOSED_HEADERS);
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(Duration.ofHours(1));
		return configuration;
	}

	private boolean isBrandOrigin(String origin) {
		URI uri;
		try {
			uri = new URI(origin);
		}
		catch (URISyntaxException ex) {
			return false;
		}
		// an origin is scheme, host and port: nothing else
		boolean path = uri.getRawPath() != null && !uri.getRawPath().isEmpty();
		if (uri.getHost() == null || uri.getScheme() == null || path || uri.getRawQuery() != null
				|| uri.getRawUserInfo() != null) {
			return false;
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		boolean secure = scheme.equals("https");
		boolean development = scheme.equals("http") && host.endsWith(".localhost");
		return (secure || development) && directory.hostname(host).isPresent();
	}

}
