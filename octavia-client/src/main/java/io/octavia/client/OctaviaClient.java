package io.octavia.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Calls the Octavia Core API with an API key: signs each attempt when a signing secret is
 * set, sends an Idempotency-Key on every write, retries what is safe to repeat and throws
 * problem responses as {@link OctaviaProblemException}s. Thread-safe; build one per key
 * and share it.
 *
 * <pre>{@code
 * var octavia = OctaviaClient.builder()
 *     .baseUrl(URI.create("https://api.example.com"))
 *     .apiKey(System.getenv("OCTAVIA_API_KEY"))
 *     .signingSecret(System.getenv("OCTAVIA_SIGNING_SECRET"))
 *     .build();
 * WhoAmI me = octavia.whoAmI();
 * }</pre>
 */
public final class OctaviaClient implements AutoCloseable {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private static final byte[] NO_BODY = new byte[0];

	private final URI baseUrl;

	private final @Nullable ApiKey apiKey;

	private final @Nullable RequestSigner signer;

	private final @Nullable String tenantId;

	private final @Nullable String brandId;

	private final Clock clock;

	private final HttpClient httpClient;

	private final boolean ownsHttpClient;

	private final RetryPolicy retryPolicy;

	private final Duration requestTimeout;

	private final boolean idempotencyKeys;

	private final Sleeper sleeper;

	private final DoubleSupplier random;

	private OctaviaClient(Builder builder, URI baseUrl) {
		this.baseUrl = baseUrl;
		this.apiKey = builder.apiKey;
		this.clock = builder.clock;
		this.signer = (builder.signingSecret != null)
				? new RequestSigner(Objects.requireNonNull(builder.apiKey), builder.signingSecret, builder.clock)
				: null;
		this.tenantId = builder.tenantId;
		this.brandId = builder.brandId;
		this.ownsHttpClient = builder.httpClient == null;
		this.httpClient = (builder.httpClient != null) ? builder.httpClient
				: HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		this.retryPolicy = builder.retryPolicy;
		this.requestTimeout = builder.requestTimeout;
		this.idempotencyKeys = builder.idempotencyKeys;
		this.sleeper = builder.sleeper;
		this.random = builder.random;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** {@code GET /api/v1/whoami}: the tenant, brand, key and scopes the server sees. */
	public WhoAmI whoAmI() {
		return WhoAmI.of(get("/api/v1/whoami").jsonObject());
	}

	public OctaviaResponse get(String path) {
		return get(path, Map.of());
	}

	public OctaviaResponse get(String path, Map<String, String> query) {
		return send("GET", path, query, null);
	}

	/** POST of JSON text. */
	public OctaviaResponse post(String path, String json) {
		return send("POST", path, Map.of(), utf8(json));
	}

	/** POST of maps, lists, strings, numbers, booleans and UUIDs, written as JSON. */
	public OctaviaResponse post(String path, Map<String, ?> json) {
		return post(path, Json.write(json));
	}

	public OctaviaResponse put(String path, String json) {
		return send("PUT", path, Map.of(), utf8(json));
	}

	public OctaviaResponse put(String path, Map<String, ?> json) {
		return put(path, Json.write(json));
	}

	/** PATCH, usually a JSON Merge Patch: only what changes, null to unset. */
	public OctaviaResponse patch(String path, String json) {
		return send("PATCH", path, Map.of(), utf8(json));
	}

	public OctaviaResponse patch(String path, Map<String, ?> json) {
		return patch(path, Json.write(json));
	}

	public OctaviaResponse delete(String path) {
		return send("DELETE", path, Map.of(), null);
	}

	public OctaviaResponse send(String method, String path, Map<String, String> query, byte @Nullable [] body) {
		return send(method, path, query, body, RequestOptions.defaults());
	}

	/**
	 * Sends a request and returns its response unless it is an error.
	 * @param path the path below the base URL, starting with {@code /}; may carry a query
	 * @param query more query parameters, percent-encoded here
	 * @param body the body (JSON unless {@code options} set another Content-Type), or
	 * null
	 * @throws OctaviaProblemException for a status of 400 or more, after the retries
	 * allowed
	 * @throws OctaviaTransportException when no response came
	 */
	public OctaviaResponse send(String method, String path, Map<String, String> query, byte @Nullable [] body,
			RequestOptions options) {
		String verb = method.toUpperCase(Locale.ROOT);
		URI uri = uri(path, query);
		byte[] content = (body != null) ? body : NO_BODY;
		String idempotencyKey = (!SAFE_METHODS.contains(verb) && this.idempotencyKeys && options.sendIdempotencyKey())
				? Objects.requireNonNullElseGet(options.idempotencyKey(), () -> UUID.randomUUID().toString()) : null;
		boolean repeatable = SAFE_METHODS.contains(verb) || idempotencyKey != null;
		Map<String, String> headers = headers(content, idempotencyKey, options);
		for (int attempt = 1;; attempt++) {
			boolean mayRetry = repeatable && attempt < this.retryPolicy.maxAttempts();
			HttpResponse<byte[]> response;
			try {
				response = this.httpClient.send(request(verb, uri, headers, content), BodyHandlers.ofByteArray());
			}
			catch (IOException ex) {
				if (!mayRetry) {
					throw new OctaviaTransportException(verb + " " + uri + " failed after " + attempt + " attempt(s)",
							ex, Objects.requireNonNullElse(idempotencyKey, ""));
				}
				pause(this.retryPolicy.backoff(attempt, this.random.getAsDouble()), idempotencyKey);
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new OctaviaTransportException("interrupted", ex, Objects.requireNonNullElse(idempotencyKey, ""));
			}
			if (response.statusCode() < 400) {
				return new OctaviaResponse(response.statusCode(), response.headers(), response.body());
			}
			OctaviaProblemException problem = Problems.from(response.statusCode(), response.headers(), response.body(),
					this.clock);
			Duration delay = mayRetry ? retryDelay(problem, attempt) : null;
			if (delay == null) {
				throw problem;
			}
			pause(delay, idempotencyKey);
		}
	}

	/**
	 * How long to wait before repeating after this problem, or null if it is not worth
	 * repeating.
	 */
	private @Nullable Duration retryDelay(OctaviaProblemException problem, int attempt) {
		boolean transientProblem = switch (problem.status()) {
			case 429, 502, 503, 504 -> true;
			case 409 -> "idempotency_in_progress".equals(problem.code());
			default -> false;
		};
		if (!transientProblem) {
			return null;
		}
		Duration retryAfter = Problems.retryAfter(problem.headers(), this.clock);
		if (retryAfter != null) {
			return (retryAfter.compareTo(this.retryPolicy.maxRetryAfter()) <= 0) ? retryAfter : null;
		}
		return this.retryPolicy.backoff(attempt, this.random.getAsDouble());
	}

	private void pause(Duration delay, @Nullable String idempotencyKey) {
		try {
			this.sleeper.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OctaviaTransportException("interrupted while waiting to retry", ex,
					Objects.requireNonNullElse(idempotencyKey, ""));
		}
	}

	/**
	 * The headers every attempt shares; names case-insensitive, so options override
	 * defaults.
	 */
	private Map<String, String> headers(byte[] body, @Nullable String idempotencyKey, RequestOptions options) {
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.put("Accept", "application/json, application/problem+json");
		if (body.length > 0) {
			headers.put("Content-Type", "application/json");
		}
		if (this.apiKey != null) {
			headers.put("Authorization", "Bearer " + this.apiKey.value());
		}
		if (this.tenantId != null) {
			headers.put("x-tenant-id", this.tenantId);
		}
		if (this.brandId != null) {
			headers.put("x-brand-id", this.brandId);
		}
		if (idempotencyKey != null) {
			headers.put(IDEMPOTENCY_KEY, idempotencyKey);
		}
		headers.putAll(options.headers());
		return headers;
	}

	/** One attempt: signed anew, so every attempt has its own nonce and times. */
	private HttpRequest request(String method, URI uri, Map<String, String> headers, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(this.requestTimeout)
			.method(method, (body.length > 0) ? BodyPublishers.ofByteArray(body) : BodyPublishers.noBody());
		headers.forEach(request::header);
		if (this.signer != null) {
			SignedHeaders signed = this.signer.sign(method, uri, headers.get("x-tenant-id"), headers.get("x-brand-id"),
					body);
			request.header(SignedHeaders.CONTENT_DIGEST, signed.contentDigest())
				.header(SignedHeaders.SIGNATURE_INPUT, signed.signatureInput())
				.header(SignedHeaders.SIGNATURE, signed.signature());
		}
		return request.build();
	}

	private URI uri(String path, Map<String, String> query) {
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("the path must start with '/': " + path);
		}
		StringBuilder target = new StringBuilder(this.baseUrl.toString()).append(path);
		boolean hasQuery = path.indexOf('?') >= 0;
		for (Map.Entry<String, String> parameter : query.entrySet()) {
			target.append(hasQuery ? '&' : '?')
				.append(encode(parameter.getKey()))
				.append('=')
				.append(encode(parameter.getValue()));
			hasQuery = true;
		}
		return URI.create(target.toString());
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Closes the HttpClient if the builder created it; one passed in stays open. */
	@Override
	public void close() {
		if (this.ownsHttpClient) {
			this.httpClient.close();
		}
	}

	/** Waits between attempts; tests replace it so that they never sleep. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

	public static final class Builder {

		private @Nullable URI baseUrl;

		private @Nullable ApiKey apiKey;

		private @Nullable String signingSecret;

		private @Nullable String tenantId;

		private @Nullable String brandId;

		private Clock clock = Clock.systemUTC();

		private @Nullable HttpClient httpClient;

		private RetryPolicy retryPolicy = RetryPolicy.defaults();

		private Duration requestTimeout = Duration.ofSeconds(30);

		private boolean idempotencyKeys = true;

		private Sleeper sleeper = (duration) -> Thread.sleep(duration);

		private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

		private Builder() {
		}

		/**
		 * The API's root, such as {@code https://api.example.com}; paths are appended to
		 * it.
		 */
		public Builder baseUrl(URI baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * The API key, checked here for shape and checksum.
		 * @throws IllegalArgumentException for a mistyped or truncated key
		 */
		public Builder apiKey(String apiKey) {
			this.apiKey = ApiKey.parse(apiKey);
			return this;
		}

		/** The key's signing secret ({@code octsig_…}): every request is then signed. */
		public Builder signingSecret(String signingSecret) {
			this.signingSecret = signingSecret;
			return this;
		}

		/** Sends {@code x-tenant-id} (covered by the signature). */
		public Builder tenantId(String tenantId) {
			this.tenantId = tenantId;
			return this;
		}

		/**
		 * Sends {@code x-brand-id} (covered by the signature): the brand the calls act
		 * for.
		 */
		public Builder brandId(String brandId) {
			this.brandId = brandId;
			return this;
		}

		/** The clock of signature times; the server allows 300 s of skew. */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/** Your own HttpClient (proxy, TLS, executor); the client never closes it. */
		public Builder httpClient(HttpClient httpClient) {
			this.httpClient = httpClient;
			return this;
		}

		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = retryPolicy;
			return this;
		}

		/** How long one attempt may take, response included (30 s by default). */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
			return this;
		}

		/**
		 * Whether writes carry an Idempotency-Key (on by default). Without one a write is
		 * never retried, since the client cannot know whether the first attempt was
		 * carried out.
		 */
		public Builder idempotencyKeys(boolean idempotencyKeys) {
			this.idempotencyKeys = idempotencyKeys;
			return this;
		}

		Builder sleeper(Sleeper sleeper) {
			this.sleeper = sleeper;
			return this;
		}

		Builder random(DoubleSupplier random) {
			this.random = random;
			return this;
		}

		/**
		 * @throws IllegalArgumentException for a missing base URL, or a signing secret
		 * without a key
		 */
		public OctaviaClient build() {
			URI base = this.baseUrl;
			if (base == null || base.getHost() == null
					|| !("http".equalsIgnoreCase(base.getScheme()) || "https".equalsIgnoreCase(base.getScheme()))) {
				throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL");
			}
			if (this.signingSecret != null && this.apiKey == null) {
				throw new IllegalArgumentException("a signing secret needs the API key it belongs to");
			}
			String root = base.toString();
			return new OctaviaClient(this,
					URI.create(root.endsWith("/") ? root.substring(0, root.length() - 1) : root));
		}

	}

}
