package io.octavia.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HTTP server on a free local port that records every request and answers with the
 * responses queued, then 200 {@code {}}. It verifies signatures the way the agreed
 * protocol says the server does, from the request as it arrived on the wire.
 */
final class RecordingServer implements AutoCloseable {

	private static final Pattern SIGNATURE_INPUT = Pattern.compile("sig1=\\(([^)]*)\\)(.*)");

	private final HttpServer server;

	private final Deque<Reply> replies = new ArrayDeque<>();

	private final List<Recorded> requests = new ArrayList<>();

	RecordingServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			Reply reply;
			synchronized (this) {
				this.requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI(),
						exchange.getRequestHeaders(), body));
				reply = this.replies.isEmpty() ? new Reply(200, Map.of("Content-Type", "application/json"), "{}")
						: this.replies.poll();
			}
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] content = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(reply.status(), (content.length == 0) ? -1 : content.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(content);
			}
		});
		this.server.start();
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	synchronized RecordingServer reply(int status, Map<String, String> headers, String body) {
		this.replies.add(new Reply(status, headers, body));
		return this;
	}

	RecordingServer problem(int status, String json, String... moreHeaders) {
		Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/problem+json"));
		for (int i = 0; i < moreHeaders.length; i += 2) {
			headers.put(moreHeaders[i], moreHeaders[i + 1]);
		}
		return reply(status, headers, json);
	}

	synchronized List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Reply(int status, Map<String, String> headers, String body) {
	}

	record Recorded(String method, URI uri, Headers headers, byte[] body) {

		String header(String name) {
			return this.headers.getFirst(name);
		}

		String nonce() {
			return header("Signature-Input").replaceAll(".*;nonce=\"([^\"]*)\".*", "$1");
		}

		/**
		 * Rebuilds the signature base from the request as received (Host header, raw path
		 * and query, header values, body bytes) and checks digest and HMAC, as the server
		 * will.
		 */
		void assertSignedWith(String signingSecret) throws Exception {
			Matcher input = SIGNATURE_INPUT.matcher(header("Signature-Input"));
			assertThat(input.matches()).as("Signature-Input " + header("Signature-Input")).isTrue();
			String expectedDigest = "sha-256=:" + Base64.getEncoder()
				.encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(this.body)) + ":";
			assertThat(header("Content-Digest")).isEqualTo(expectedDigest);
			StringBuilder base = new StringBuilder();
			for (String quoted : input.group(1).split(" ")) {
				String component = quoted.substring(1, quoted.length() - 1);
				String value = switch (component) {
					case "@method" -> this.method;
					case "@authority" -> header("Host").toLowerCase(java.util.Locale.ROOT);
					case "@path" -> this.uri.getRawPath();
					case "@query" -> "?" + ((this.uri.getRawQuery() != null) ? this.uri.getRawQuery() : "");
					default -> header(component).strip();
				};
				base.append('"').append(component).append("\": ").append(value).append('\n');
			}
			base.append("\"@signature-params\": ").append(header("Signature-Input").substring("sig1=".length()));
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			String expected = Base64.getEncoder()
				.encodeToString(mac.doFinal(base.toString().getBytes(StandardCharsets.UTF_8)));
			assertThat(header("Signature")).isEqualTo("sig1=:" + expected + ":");
		}

	}

}
