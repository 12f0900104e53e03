package io.octavia.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP client for integration tests: what goes over the wire is what is tested.
 */
public final class TestHttp {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final boolean consoleUsers;

	public TestHttp(int port) {
		this(port, false);
	}

	private TestHttp(int port, boolean consoleUsers) {
		this.base = "http://localhost:" + port;
		this.consoleUsers = consoleUsers;
	}

	/**
	 * The same client, signed in to the consoles: requests to {@code /admin} carry an
	 * operator's test credential, those to {@code /portal} a tenant user's.
	 */
	public TestHttp asConsoleUsers() {
		return new TestHttp(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), true);
	}

	public HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		if (consoleUsers && path.startsWith("/admin")) {
			request.header("x-test-credential", "user=" + OPERATOR);
		}
		else if (consoleUsers && path.startsWith("/portal")) {
			request.header("x-test-credential", "tenant=" + TENANT + ";user=" + TENANT_USER);
		}
		return request;
	}

	private static final java.util.UUID OPERATOR = java.util.UUID.randomUUID();

	private static final java.util.UUID TENANT = java.util.UUID.randomUUID();

	private static final java.util.UUID TENANT_USER = java.util.UUID.randomUUID();

	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = request(path).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	public HttpResponse<String> post(String path, String contentType, String body, String... headers) {
		HttpRequest.Builder request = request(path).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

}
