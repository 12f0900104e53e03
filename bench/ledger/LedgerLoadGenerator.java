package io.octavia.core.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Load for the ledger benchmark (bench/ledger/run.sh). One mode per invocation, options as
 * {@code key=value}; every request carries {@code x-bench-credential: TENANT} (the bench
 * authenticator: a tenant caller with the ledger permissions).
 *
 * <pre>
 * java -cp classes:HdrHistogram.jar io.octavia.core.bench.LedgerLoadGenerator BASE_URL TENANT MODE key=value...
 *   setup    code=C accounts=N out=FILE             a ledger and N accounts (asset and liability
 *                                                   by turns, 8 requests at a time); FILE gets
 *                                                   the ledger id, then one account id a line
 *   bulk     ids=FILE seconds=S warmup=S connections=C size=1000
 *                                                   closed loop of atomic bulks; each entry on a
 *                                                   random pair of the accounts
 *   single   ids=FILE seconds=S warmup=S rate=R     open loop: an entry every 1/R s, sent when
 *                                                   due whatever is in flight (at most 1,000;
 *                                                   what is unsent when the time is up is
 *                                                   counted, never sent late); latency from the
 *                                                   time it was due (corrected for coordinated
 *                                                   omission) and from sending
 *   single   ids=FILE seconds=S warmup=S connections=C
 *                                                   closed loop (no rate): the maximum
 *   balance  ids=FILE seconds=S warmup=S connections=C from=EPOCH_MS to=EPOCH_MS
 *                                                   GET …/balance?asOf=T&axis=A, random account,
 *                                                   time in [from, to) and axis
 * </pre>
 *
 * With {@code appPid=PID database=NAME}, the workloads also print the CPU time each entry (or
 * request) cost the application, the PostgreSQL backends of that database and the load
 * generator: on a shared machine that is steadier than the rate, and it tells what the rate
 * would be with the cores to itself.
 *
 * Every mode first sends one checked request and exits with 1 (printing the answer) if it is
 * refused; later refusals are counted and the first one printed. Prints one line per run.
 */
public final class LedgerLoadGenerator {

	private static final long HIGHEST_NANOS = Duration.ofSeconds(120).toNanos();

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

	private final HttpClient http;

	private final String host;

	private final int port;

	/** Open connections not in use, for the measured loops. */
	private final ConcurrentLinkedDeque<Wire> idle = new ConcurrentLinkedDeque<>();

	private final String base;

	private final String tenant;

	private final Map<String, String> options;

	private LedgerLoadGenerator(HttpClient http, String base, String tenant, Map<String, String> options) {
		this.http = http;
		this.base = base;
		URI uri = URI.create(base);
		this.host = uri.getHost();
		this.port = uri.getPort();
		this.tenant = tenant;
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 3) {
			System.err.println("usage: LedgerLoadGenerator BASE_URL TENANT MODE key=value...");
			System.exit(2);
		}
		Map<String, String> options = new HashMap<>();
		for (String option : List.of(args).subList(3, args.length)) {
			String[] pair = option.split("=", 2);
			options.put(pair[0], pair[1]);
		}
		try (HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build()) {
			LedgerLoadGenerator generator = new LedgerLoadGenerator(http, args[0].replaceAll("/+$", ""), args[1],
					options);
			switch (args[2]) {
				case "setup" -> generator.setup();
				case "bulk" -> generator.bulk();
				case "single" -> generator.single();
				case "balance" -> generator.balance();
				default -> throw new IllegalArgumentException("unknown mode " + args[2]);
			}
		}
	}

	private String option(String name) {
		String value = this.options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("missing option " + name + "=");
		}
		return value;
	}

	private int intOption(String name, int fallback) {
		return this.options.containsKey(name) ? Integer.parseInt(this.options.get(name)) : fallback;
	}

	// setup

	private void setup() throws Exception {
		String code = option("code");
		int count = Integer.parseInt(option("accounts"));
		HttpResponse<String> created = checked(post("/api/v1/ledgers",
				"{\"code\":\"" + code + "\",\"name\":\"Benchmark " + code + "\",\"currencies\":[\"EUR\"]}"));
		String ledger = id(created.body());
		String[] ids = new String[count];
		AtomicReference<Exception> failure = new AtomicReference<>();
		Semaphore inFlight = new Semaphore(8);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < count; i++) {
				int n = i;
				inFlight.acquire();
				threads.submit(() -> {
					try {
						String type = (n % 2 == 0) ? "asset" : "liability";
						ids[n] = id(checked(post("/api/v1/ledgers/" + ledger + "/accounts",
								String.format(Locale.ROOT,
										"{\"code\":\"%s-%05d\",\"name\":\"Account %d\",\"type\":\"%s\",\"currency\":\"EUR\"}",
										code, n, n, type)))
							.body());
					}
					catch (Exception ex) {
						failure.compareAndSet(null, ex);
					}
					finally {
						inFlight.release();
					}
				});
			}
		}
		if (failure.get() != null) {
			throw failure.get();
		}
		List<String> lines = new ArrayList<>();
		lines.add(ledger);
		lines.addAll(List.of(ids));
		Files.write(Path.of(option("out")), lines);
		System.out.println("ledger " + code + " " + ledger + " with " + count + " accounts");
	}

	private static String id(String body) {
		Matcher matcher = ID.matcher(body);
		if (!matcher.find()) {
			throw new IllegalStateException("no id in " + body);
		}
		return matcher.group(1);
	}

	// the workloads

	private record Accounts(String ledger, String[] ids) {

		static Accounts read(Path file) throws Exception {
			List<String> lines = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
			return new Accounts(lines.get(0), lines.subList(1, lines.size()).toArray(String[]::new));
		}

		/** Two different accounts at random. */
		String[] pair() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			int a = random.nextInt(this.ids.length);
			int b = random.nextInt(this.ids.length - 1);
			return new String[] { this.ids[a], this.ids[(b >= a) ? b + 1 : b] };
		}

	}

	private static void entry(StringBuilder json, String[] pair) {
		long amount = 1 + ThreadLocalRandom.current().nextLong(100_000);
		json.append("{\"postings\":[{\"accountId\":\"")
			.append(pair[0])
			.append("\",\"direction\":\"debit\",\"amount\":")
			.append(amount)
			.append("},{\"accountId\":\"")
			.append(pair[1])
			.append("\",\"direction\":\"credit\",\"amount\":")
			.append(amount)
			.append("}]}");
	}

	private void bulk() throws Exception {
		Accounts accounts = Accounts.read(Path.of(option("ids")));
		int size = intOption("size", 1000);
		String path = "/api/v1/ledgers/" + accounts.ledger() + "/entries/bulk";
		Request request = () -> {
			StringBuilder json = new StringBuilder(size * 200).append("{\"mode\":\"atomic\",\"entries\":[");
			for (int i = 0; i < size; i++) {
				if (i > 0) {
					json.append(',');
				}
				entry(json, accounts.pair());
			}
			return post(path, json.append("]}").toString());
		};
		closedLoop("bulk", request, size);
	}

	private void single() throws Exception {
		Accounts accounts = Accounts.read(Path.of(option("ids")));
		String path = "/api/v1/ledgers/" + accounts.ledger() + "/entries";
		Request request = () -> {
			StringBuilder json = new StringBuilder(256);
			entry(json, accounts.pair());
			return post(path, json.toString());
		};
		if (this.options.containsKey("rate")) {
			openLoop("single", request, Integer.parseInt(option("rate")));
		}
		else {
			closedLoop("single", request, 1);
		}
	}

	private void balance() throws Exception {
		Accounts accounts = Accounts.read(Path.of(option("ids")));
		long from = Long.parseLong(option("from"));
		long to = Long.parseLong(option("to"));
		String prefix = "/api/v1/ledgers/" + accounts.ledger() + "/accounts/";
		Request request = () -> {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			String account = accounts.ids()[random.nextInt(accounts.ids().length)];
			Instant at = Instant.ofEpochMilli(from + random.nextLong(to - from));
			String axis = random.nextBoolean() ? "effective" : "recorded";
			return get(prefix + account + "/balance?asOf=" + at + "&axis=" + axis);
		};
		closedLoop("balance", request, 1);
	}

	// the loops

	@FunctionalInterface
	private interface Request {

		Call next();

	}

	/** One request of a workload: sent over a {@link Wire}, or through java.net.http to check it. */
	private record Call(String method, String path, byte[] body) {
	}

	private static Call post(String path, String json) {
		return new Call("POST", path, json.getBytes(StandardCharsets.UTF_8));
	}

	private static Call get(String path) {
		return new Call("GET", path, null);
	}

	private HttpRequest httpRequest(Call call) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + call.path()))
			.header("x-bench-credential", this.tenant)
			.timeout(Duration.ofSeconds(60));
		if (call.body() == null) {
			return builder.GET().build();
		}
		return builder.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(call.body()))
			.build();
	}

	private HttpResponse<String> checked(Call call) throws Exception {
		HttpRequest request = httpRequest(call);
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			System.err.printf("%s %s answered %d: %s%n", request.method(), request.uri(), response.statusCode(),
					response.body());
			System.exit(1);
		}
		return response;
	}

	/** What one run counts, shared by its threads. */
	private static final class Tally {

		final Histogram sent = new ConcurrentHistogram(HIGHEST_NANOS, 3);

		final Histogram due = new ConcurrentHistogram(HIGHEST_NANOS, 3);

		final AtomicLong failed = new AtomicLong();

		final AtomicLong unsent = new AtomicLong();

		final AtomicReference<String> firstError = new AtomicReference<>();

		void record(long dueAt, long sentAt, Wire.Reply reply) {
			long now = System.nanoTime();
			this.sent.recordValue(Math.min(now - sentAt, HIGHEST_NANOS));
			this.due.recordValue(Math.min(now - dueAt, HIGHEST_NANOS));
			if (reply.status() / 100 != 2) {
				this.failed.incrementAndGet();
				this.firstError.compareAndSet(null,
						"HTTP " + reply.status() + " " + abbreviated(new String(reply.body(), StandardCharsets.UTF_8)));
			}
		}

		void failed(Exception ex) {
			this.failed.incrementAndGet();
			this.firstError.compareAndSet(null, ex.toString());
		}

	}

	private static String abbreviated(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

	private long send(Request request, Tally tally, long dueAt) {
		long sentAt = System.nanoTime();
		Wire wire = this.idle.poll();
		try {
			if (wire != null && sentAt - wire.idleSince > MAX_IDLE_NANOS) {
				// the server may have closed it meanwhile (Tomcat's keep-alive timeout): a
				// request written into it would fail without having reached the server
				wire.close();
				wire = null;
			}
			if (wire == null) {
				wire = new Wire(this.host, this.port);
			}
			Call call = request.next();
			Wire.Reply reply = wire.exchange(call.method(), call.path(), this.tenant, call.body());
			tally.record(dueAt, sentAt, reply);
			if (reply.keepAlive()) {
				wire.idleSince = System.nanoTime();
				this.idle.push(wire);
			}
			else {
				wire.close();
			}
		}
		catch (Exception ex) {
			if (wire != null) {
				wire.close();
			}
			tally.failed(ex);
		}
		return sentAt;
	}

	/**
	 * A bare HTTP/1.1 keep-alive connection for the measured loops. The generator shares
	 * two cores with the application and PostgreSQL, so what it spends per request is
	 * taken from them: java.net.http spent about 1 ms of CPU per request here (more with
	 * many connections open), this a few µs.
	 */
	/** Idle connections older than this are not reused (Tomcat closes idle ones after its keep-alive timeout). */
	private static final long MAX_IDLE_NANOS = Duration.ofSeconds(5).toNanos();

	private static final class Wire implements AutoCloseable {

		record Reply(int status, byte[] body, boolean keepAlive) {
		}

		private final Socket socket;

		/** When it was last given back, {@link System#nanoTime()}. */
		long idleSince;

		private final OutputStream out;

		private final InputStream in;

		private final String host;

		Wire(String host, int port) throws IOException {
			this.socket = new Socket(host, port);
			this.socket.setTcpNoDelay(true);
			this.out = new BufferedOutputStream(this.socket.getOutputStream(), 65536);
			this.in = new BufferedInputStream(this.socket.getInputStream(), 65536);
			this.host = host + ":" + port;
		}

		Reply exchange(String method, String path, String tenant, byte[] body) throws IOException {
			StringBuilder head = new StringBuilder(256).append(method)
				.append(' ')
				.append(path)
				.append(" HTTP/1.1\r\nHost: ")
				.append(this.host)
				.append("\r\nx-bench-credential: ")
				.append(tenant)
				.append("\r\nAccept: application/json\r\n");
			if (body != null) {
				head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
			}
			this.out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			if (body != null) {
				this.out.write(body);
			}
			this.out.flush();
			String status = line();
			int code = Integer.parseInt(status.substring(9, 12));
			long length = -1;
			boolean chunked = false;
			boolean keepAlive = true;
			for (String header; !(header = line()).isEmpty();) {
				int colon = header.indexOf(':');
				String name = header.substring(0, colon).trim();
				String value = header.substring(colon + 1).trim();
				if (name.equalsIgnoreCase("Content-Length")) {
					length = Long.parseLong(value);
				}
				else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
					chunked = true;
				}
				else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
					keepAlive = false;
				}
			}
			ByteArrayOutputStream content = new ByteArrayOutputStream();
			if (chunked) {
				for (int size; (size = Integer.parseInt(line().split(";", 2)[0].trim(), 16)) > 0;) {
					content.write(this.in.readNBytes(size));
					line();
				}
				while (!line().isEmpty()) {
					// trailers
				}
			}
			else if (length > 0) {
				content.write(this.in.readNBytes((int) length));
			}
			return new Reply(code, content.toByteArray(), keepAlive);
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder(64);
			for (int c; (c = this.in.read()) != '\n';) {
				if (c < 0) {
					throw new EOFException("connection closed");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

		@Override
		public void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// gone already
			}
		}

	}

	/**
	 * {@code connections} virtual threads send back to back; with {@code warmup}, the same
	 * load runs that long first, unmeasured.
	 */
	private void closedLoop(String label, Request request, int entriesPerRequest) throws Exception {
		int connections = intOption("connections", 1);
		checked(request.next());
		int warmUp = intOption("warmup", 0);
		if (warmUp > 0) {
			closedRun(request, connections, Duration.ofSeconds(warmUp));
		}
		long[] cpuBefore = cpu();
		long start = System.nanoTime();
		Tally tally = closedRun(request, connections, Duration.ofSeconds(Integer.parseInt(option("seconds"))));
		long elapsed = System.nanoTime() - start;
		long requests = tally.sent.getTotalCount();
		String cpu = cpuPerEntry(cpuBefore, cpu(), requests * entriesPerRequest);
		System.out.println(String.format(Locale.ROOT,
				"%-8s closed loop, %d connection(s): %,.0f entries/s (%,.1f requests/s); latency p50 %s p90 %s p99 %s p99.9 %s max %s; failed %d",
				label, connections, requests * entriesPerRequest * 1e9 / elapsed, requests * 1e9 / elapsed,
				millis(tally.sent, 50), millis(tally.sent, 90), millis(tally.sent, 99), millis(tally.sent, 99.9),
				millis(tally.sent, 100), tally.failed.get()) + cpu
				+ ((tally.firstError.get() != null) ? " (first: " + tally.firstError.get() + ")" : ""));
	}

	private Tally closedRun(Request request, int connections, Duration duration) throws Exception {
		Tally tally = new Tally();
		long deadline = System.nanoTime() + duration.toNanos();
		List<Future<?>> workers = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < connections; i++) {
				workers.add(threads.submit(() -> {
					while (System.nanoTime() < deadline) {
						long now = System.nanoTime();
						send(request, tally, now);
					}
				}));
			}
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		return tally;
	}

	/**
	 * Constant arrival rate: request n is due at start + n/rate and is sent then on its own
	 * virtual thread, however many are still in flight (up to 1,000; beyond that the
	 * generator waits, and the wait counts in the latency from the due time).
	 */
	private void openLoop(String label, Request request, int rate) throws Exception {
		checked(request.next());
		int warmUp = intOption("warmup", 0);
		if (warmUp > 0) {
			openRun(request, rate, Duration.ofSeconds(warmUp));
		}
		long[] cpuBefore = cpu();
		long start = System.nanoTime();
		Tally tally = openRun(request, rate, Duration.ofSeconds(Integer.parseInt(option("seconds"))));
		long elapsed = System.nanoTime() - start;
		long requests = tally.due.getTotalCount();
		String cpu = cpuPerEntry(cpuBefore, cpu(), requests);
		System.out.println(String.format(Locale.ROOT,
				"%-8s open loop at %,d/s: achieved %,.0f entries/s; latency from due time p50 %s p90 %s p99 %s p99.9 %s max %s; from sending p50 %s p99 %s; failed %d; unsent at the end (1,000 in flight) %d",
				label, rate, requests * 1e9 / elapsed, millis(tally.due, 50), millis(tally.due, 90),
				millis(tally.due, 99), millis(tally.due, 99.9), millis(tally.due, 100), millis(tally.sent, 50),
				millis(tally.sent, 99), tally.failed.get(), tally.unsent.get()) + cpu
				+ ((tally.firstError.get() != null) ? " (first: " + tally.firstError.get() + ")" : ""));
	}

	private Tally openRun(Request request, int rate, Duration duration) throws Exception {
		Tally tally = new Tally();
		long interval = 1_000_000_000L / rate;
		long count = duration.toSeconds() * rate;
		Semaphore inFlight = new Semaphore(1000);
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (long n = 0; n < count; n++) {
				long due = start + n * interval;
				long wait;
				while ((wait = due - System.nanoTime()) > 0) {
					LockSupport.parkNanos(wait);
				}
				// a server that fell behind does not stretch the run: what is still unsent at
				// the end is counted as such
				if (!inFlight.tryAcquire(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS)) {
					tally.unsent.addAndGet(count - n);
					break;
				}
				threads.submit(() -> {
					try {
						send(request, tally, due);
					}
					finally {
						inFlight.release();
					}
				});
			}
		}
		return tally;
	}

	/**
	 * CPU time (user + system) so far of the application ({@code appPid=}), of the
	 * PostgreSQL backends serving database {@code database=} (found by their process title)
	 * and of this load generator, in nanoseconds; empty without those options.
	 */
	private long[] cpu() {
		if (!this.options.containsKey("appPid")) {
			return new long[0];
		}
		long app = ticks(Path.of("/proc", this.options.get("appPid"), "stat"));
		long postgres = 0;
		String title = " " + this.options.get("database") + " ";
		try (var processes = Files.list(Path.of("/proc"))) {
			for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String cmdline = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
					if (cmdline.startsWith("postgres: ") && cmdline.contains(title)) {
						postgres += ticks(process.resolve("stat"));
					}
				}
				catch (Exception ex) {
					// the process ended meanwhile
				}
			}
		}
		catch (Exception ex) {
			return new long[0];
		}
		long self = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
		return new long[] { app, postgres, self };
	}

	private static long ticks(Path stat) {
		try {
			String text = Files.readString(stat);
			String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
			// utime and stime (fields 14 and 15 of proc(5)), in clock ticks of 10 ms
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
		}
		catch (Exception ex) {
			return 0;
		}
	}

	private static String cpuPerEntry(long[] before, long[] after, long entries) {
		if (before.length == 0 || after.length == 0 || entries == 0) {
			return "";
		}
		return String.format(Locale.ROOT,
				"; CPU per entry: application %.3f ms, PostgreSQL %.3f ms, load generator %.3f ms",
				(after[0] - before[0]) / 1e6 / entries, (after[1] - before[1]) / 1e6 / entries,
				(after[2] - before[2]) / 1e6 / entries);
	}

	private static String millis(Histogram histogram, double percentile) {
		long nanos = (percentile >= 100) ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
		return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
	}

}
