package io.octavia.core.authserver;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The issuer ({@code iss}) of the tokens: {@code octavia.security.issuer} when set
 * (always in production: the public https URL), else {@code http://localhost:<port>} of
 * the running server, for development and tests on random ports. When unset the
 * authorization server derives the issuer from each request, so clients must then reach
 * it as {@code localhost}.
 */
@Component
public class TokenIssuer {

	private final @Nullable String configured;

	private volatile @Nullable String derived;

	TokenIssuer(@Value("${octavia.security.issuer:}") String configured) {
		this.configured = configured.isBlank() ? null : stripped(configured.strip());
	}

	@EventListener
	void on(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.derived = "http://localhost:" + event.getWebServer().getPort();
		}
	}

	public String issuer() {
		if (configured != null) {
			return configured;
		}
		String issuer = derived;
		if (issuer == null) {
			throw new IllegalStateException("The web server has not started: no issuer yet");
		}
		return issuer;
	}

	@Nullable String configured() {
		return configured;
	}

	private static String stripped(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
