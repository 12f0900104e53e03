package io.octavia.core.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person at a console, over plain HTTP: one credential ({@code x-test-credential}), a
 * cookie jar for the session, and the CSRF token the pages carry, sent with every form
 * post like the browser does.
 */
final class ConsoleClient {

	static final String HTML = "text/html,application/xhtml+xml";

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private final String credential;

	private String csrf;

	ConsoleClient(int port, String credential) {
		this.base = "http://localhost:" + port;
		this.credential = credential;
	}

	HttpResponse<String> get(String path, String... headers) {
		return send(request(path, headers).GET());
	}

	/** A page as the browser loads it; it must answer 200. */
	Document page(String path) {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
		return html(response);
	}

	/** An htmx request for a part of a page. */
	HttpResponse<String> htmx(String path, String target) {
		return get(path, "HX-Request", "true", "HX-Target", target);
	}

	/**
	 * A form post with the session's CSRF token (fetched from {@code tokenPage} once).
	 */
	HttpResponse<String> post(String path, Map<String, ?> fields, String... headers) {
		return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(withToken(fields)))));
	}

	/** A form post without any CSRF token: what a forged request looks like. */
	HttpResponse<String> postWithoutToken(String path, Map<String, ?> fields) {
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(fields))));
	}

	HttpResponse<String> upload(String path, String field, String filename, String contentType, byte[] bytes,
			String... headers) {
		String boundary = "----octavia" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		try {
			body.write(
					("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token() + "\r\n")
						.getBytes(StandardCharsets.UTF_8));
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
					+ filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.write(bytes);
			body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return send(request(path, headers).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	static Document html(HttpResponse<String> response) {
		return Jsoup.parse(response.body());
	}

	/** Without a session a console sends the browser to sign in at the issuer. */
	static void assertSignInRequired(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElse("")).contains("/oauth2/authorization/octavia-");
	}

	static Document fragment(HttpResponse<String> response) {
		return Jsoup.parseBodyFragment(response.body());
	}

	private String token() {
		if (csrf == null) {
			// a page this caller may see: the portal for a tenant's user, else the
			// operator
			// console
			Document page = html(get((credential != null && credential.contains("tenant=")) ? "/portal" : "/admin"));
			csrf = page.select("meta[name=_csrf]").attr("content");
			assertThat(csrf).as("the console pages carry a CSRF token").isNotBlank();
		}
		return csrf;
	}

	private Map<String, ?> withToken(Map<String, ?> fields) {
		Map<String, Object> all = new LinkedHashMap<>(fields);
		all.put("_csrf", token());
		return all;
	}

	private HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", HTML);
		if (credential != null) {
			request.header("x-test-credential", credential);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Form encoding; a list value repeats its name, like checkboxes. */
	private static String encode(Map<String, ?> fields) {
		List<String> pairs = new ArrayList<>();
		fields.forEach((name, value) -> {
			List<?> values = (value instanceof List<?> list) ? list : List.of(value);
			values.forEach(item -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(String.valueOf(item), StandardCharsets.UTF_8)));
		});
		return pairs.stream().collect(Collectors.joining("&"));
	}

}
