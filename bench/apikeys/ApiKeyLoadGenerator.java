package io.octavia.core.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import io.octavia.client.ApiKey;
import io.octavia.client.RequestSigner;
import io.octavia.client.SignedHeaders;
import org.HdrHistogram.Histogram;

/**
 * Load for the signed-request benchmark (bench/apikeys/run.sh): N virtual threads, each with
 * its own HTTP/1.1 connection, send GET requests back to back for a while and record every
 * latency. The three modes go through this one program, so that they differ only in what the
 * server has to check: {@code none} (no credential), {@code key} (Authorization: Bearer API key)
 * and {@code signed} (the key plus an RFC 9421 signature made anew for every request by the
 * client's RequestSigner; the time to sign is part of the latency, as a caller sees it).
 *
 * <pre>
 * OCTAVIA_API_KEY=oct_live_… OCTAVIA_SIGNING_SECRET=octsig_… \
 *   java -cp classes:octavia-client.jar:HdrHistogram.jar io.octavia.core.bench.ApiKeyLoadGenerator \
 *   BASE_URL SECONDS CONNECTIONS ROUNDS WARMUP_SECONDS none=/api/v1/meta key=/api/v1/whoami signed=/api/v1/whoami
 * </pre>
 *
 * One JVM runs everything: a warm-up of each mode, then the modes one after the other in each
 * round, so that the client side is as warm as the server in every measured run.
 *
 * The secrets come from the environment (only the ones the mode needs) so that they do not show
 * in the process list: OCTAVIA_API_KEY for mode key, OCTAVIA_SIGNING_API_KEY (else
 * OCTAVIA_API_KEY) and OCTAVIA_SIGNING_SECRET for mode signed. Before
 * measuring, one request of each mode must succeed; otherwise its status and body are printed
 * and the program exits with 1. Prints one line per run: p50, p90, p99, p99.9, throughput,
 * non-2xx responses.
 */
public final class ApiKeyLoadGenerator {

	private static final byte[] NO_BODY = new byte[0];

	/** Longest latency the histogram holds: 60 s, at 3 significant digits. */
	private static final long HIGHEST_NANOS = Duration.ofSeconds(60).toNanos();

	enum Mode {

		NONE, KEY, SIGNED

	}

	private final HttpClient http;

	private final URI uri;

	private final Mode mode;

	/** null in mode none */
	private final ApiKey apiKey;

	/** null unless the mode signs */
	private final RequestSigner signer;

	ApiKeyLoadGenerator(HttpClient http, URI uri, Mode mode, ApiKey apiKey, RequestSigner signer) {
		this.http = http;
		this.uri = uri;
		this.mode = mode;
		this.apiKey = apiKey;
		this.signer = signer;
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 6) {
			System.err.println("usage: ApiKeyLoadGenerator BASE_URL SECONDS CONNECTIONS ROUNDS WARMUP_SECONDS MODE=PATH..."
					+ " (MODE none, key or signed; OCTAVIA_API_KEY, OCTAVIA_SIGNING_SECRET in the environment)");
			System.exit(2);
		}
		String baseUrl = args[0].replaceAll("/+$", "");
		Duration duration = Duration.ofSeconds(Long.parseLong(args[1]));
		int connections = Integer.parseInt(args[2]);
		int rounds = Integer.parseInt(args[3]);
		Duration warmUp = Duration.ofSeconds(Long.parseLong(args[4]));
		// HTTP/1.1 like wrk in the other benchmarks; one pooled connection per busy thread
		try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			Map<String, ApiKeyLoadGenerator> generators = new LinkedHashMap<>();
			for (String run : List.of(args).subList(5, args.length)) {
				String[] modeAndPath = run.split("=", 2);
				Mode mode = Mode.valueOf(modeAndPath[0].toUpperCase(Locale.ROOT));
				generators.put(modeAndPath[0], of(http, URI.create(baseUrl + modeAndPath[1]), mode));
			}
			for (Map.Entry<String, ApiKeyLoadGenerator> generator : generators.entrySet()) {
				HttpResponse<byte[]> first = generator.getValue().send();
				if (first.statusCode() / 100 != 2) {
					System.err.printf("%s %s answered %d: %s%n", generator.getKey(), generator.getValue().uri,
							first.statusCode(), new String(first.body()));
					System.exit(1);
				}
				// the gateway names the tenant of an authenticated caller: proof that the key
				// (and the signature) were checked, also on a public endpoint
				boolean authenticated = first.headers().firstValue("x-tenant-id").isPresent();
				if (authenticated != (generator.getValue().mode != Mode.NONE)) {
					System.err.printf("%s %s was %s authenticated%n", generator.getKey(), generator.getValue().uri,
							authenticated ? "" : "not");
					System.exit(1);
				}
			}
			// the same JVM measures every round, so the client side is as warm as the server
			if (!warmUp.isZero()) {
				for (ApiKeyLoadGenerator generator : generators.values()) {
					generator.run(warmUp, connections);
				}
			}
			for (int round = 1; round <= rounds; round++) {
				System.out.println("round " + round);
				for (Map.Entry<String, ApiKeyLoadGenerator> generator : generators.entrySet()) {
					String before = loadAverage();
					System.out.println(generator.getValue().run(duration, connections).format(generator.getKey())
							+ "  load " + before + " -> " + loadAverage());
				}
			}
		}
	}

	/** The 1-minute load average, where the machine tells it. */
	static String loadAverage() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (java.io.IOException | RuntimeException ex) {
			return "?";
		}
	}

	static ApiKeyLoadGenerator of(HttpClient http, URI uri, Mode mode) {
		// a key with a signing secret must sign, so the key mode may use another key
		String signingKey = System.getenv("OCTAVIA_SIGNING_API_KEY");
		ApiKey apiKey = switch (mode) {
			case NONE -> null;
			case KEY -> ApiKey.parse(requiredEnv("OCTAVIA_API_KEY"));
			case SIGNED -> ApiKey.parse((signingKey != null && !signingKey.isBlank()) ? signingKey
					: requiredEnv("OCTAVIA_API_KEY"));
		};
		RequestSigner signer = (mode == Mode.SIGNED)
				? new RequestSigner(apiKey, requiredEnv("OCTAVIA_SIGNING_SECRET"), Clock.systemUTC()) : null;
		return new ApiKeyLoadGenerator(http, uri, mode, apiKey, signer);
	}

	private static String requiredEnv(String name) {
		String value = System.getenv(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " is not set");
		}
		return value;
	}

	/** One request, signed anew when the mode signs. */
	HttpResponse<byte[]> send() throws Exception {
		return this.http.send(request(), HttpResponse.BodyHandlers.ofByteArray());
	}

	HttpRequest request() {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.uri).GET();
		if (this.mode != Mode.NONE) {
			request.header("Authorization", "Bearer " + this.apiKey.value());
		}
		if (this.mode == Mode.SIGNED) {
			SignedHeaders signed = this.signer.sign("GET", this.uri, null, null, NO_BODY);
			request.header(SignedHeaders.CONTENT_DIGEST, signed.contentDigest())
				.header(SignedHeaders.SIGNATURE_INPUT, signed.signatureInput())
				.header(SignedHeaders.SIGNATURE, signed.signature());
		}
		return request.build();
	}

	/** Sends requests from {@code connections} virtual threads for {@code duration}. */
	Result run(Duration duration, int connections) throws Exception {
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		AtomicReference<String> firstError = new AtomicReference<>();
		List<Future<Worker>> workers = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < connections; i++) {
				workers.add(threads.submit(() -> new Worker().runUntil(deadline, firstError)));
			}
		}
		long elapsed = System.nanoTime() - start;
		Histogram latencies = new Histogram(HIGHEST_NANOS, 3);
		long failed = 0;
		for (Future<Worker> worker : workers) {
			latencies.add(worker.get().latencies);
			failed += worker.get().failed;
		}
		return new Result(latencies, failed, elapsed, firstError.get());
	}

	private final class Worker {

		private final Histogram latencies = new Histogram(HIGHEST_NANOS, 3);

		private long failed;

		Worker runUntil(long deadline, AtomicReference<String> firstError) {
			while (System.nanoTime() < deadline) {
				long sent = System.nanoTime();
				try {
					HttpResponse<byte[]> response = send();
					this.latencies.recordValue(Math.min(System.nanoTime() - sent, HIGHEST_NANOS));
					if (response.statusCode() / 100 != 2) {
						this.failed++;
						firstError.compareAndSet(null, "HTTP " + response.statusCode() + " " + new String(response.body()));
					}
				}
				catch (Exception ex) {
					this.failed++;
					firstError.compareAndSet(null, ex.toString());
				}
			}
			return this;
		}

	}

	/** What one run measured; latencies in nanoseconds. */
	record Result(Histogram latencies, long failed, long elapsedNanos, String firstError) {

		double throughput() {
			return this.latencies.getTotalCount() * 1e9 / this.elapsedNanos;
		}

		String format(String label) {
			String line = String.format(Locale.ROOT, "%-10s p50 %8s  p90 %8s  p99 %8s  p99.9 %8s  %9.0f req/s  non-2xx %d",
					label, millis(50), millis(90), millis(99), millis(99.9), throughput(), this.failed);
			return (this.firstError != null) ? line + "  (first: " + this.firstError + ")" : line;
		}

		private String millis(double percentile) {
			return String.format(Locale.ROOT, "%.2fms", this.latencies.getValueAtPercentile(percentile) / 1e6);
		}

	}

}
