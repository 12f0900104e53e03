package io.octavia.core.identity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A tiny authoritative DNS server over UDP on 127.0.0.1 for the tests: TXT questions are
 * answered from {@link #publish}ed records, every other name is NXDOMAIN. One per JVM,
 * started before the first application context, which asks it through the real JNDI
 * resolver ({@code octavia.identity.domain-verification.dns-servers}, set by
 * {@link Settings} for every test context without making it a different one).
 */
public final class TestDnsServer {

	private static final int TXT = 16;

	private static final Map<String, List<String>> records = new ConcurrentHashMap<>();

	private static final DatagramSocket socket = start();

	private TestDnsServer() {
	}

	/** Publishes the TXT records of a name (replacing earlier ones). */
	public static void publish(String name, String... values) {
		records.put(name.toLowerCase(Locale.ROOT), List.of(values));
	}

	public static void unpublish(String name) {
		records.remove(name.toLowerCase(Locale.ROOT));
	}

	public static String url() {
		return "dns://127.0.0.1:" + socket.getLocalPort();
	}

	private static DatagramSocket start() {
		try {
			DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
			Thread thread = new Thread(() -> serve(server), "test-dns");
			thread.setDaemon(true);
			thread.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void serve(DatagramSocket server) {
		byte[] buffer = new byte[512];
		while (!server.isClosed()) {
			try {
				DatagramPacket query = new DatagramPacket(buffer, buffer.length);
				server.receive(query);
				byte[] answer = answer(ByteBuffer.wrap(query.getData(), 0, query.getLength()));
				server.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
			}
			catch (IOException | RuntimeException ex) {
				// a malformed question gets no answer; the client times out
			}
		}
	}

	private static byte[] answer(ByteBuffer query) {
		short id = query.getShort();
		short flags = query.getShort();
		query.position(12);
		StringBuilder name = new StringBuilder();
		for (int length = query.get() & 0xff; length > 0; length = query.get() & 0xff) {
			byte[] label = new byte[length];
			query.get(label);
			name.append(name.isEmpty() ? "" : ".").append(new String(label, StandardCharsets.US_ASCII));
		}
		int type = query.getShort() & 0xffff;
		query.getShort();
		int questionEnd = query.position();
		List<String> values = records.get(name.toString().toLowerCase(Locale.ROOT));
		boolean found = values != null && type == TXT;

		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteBuffer header = ByteBuffer.allocate(12);
		header.putShort(id);
		// a response, authoritative, recursion desired copied, recursion available;
		// NXDOMAIN for unknown names, an empty answer for known names of another type
		int rcode = (values == null) ? 3 : 0;
		header.putShort((short) (0x8000 | 0x0400 | (flags & 0x0100) | 0x0080 | rcode));
		header.putShort((short) 1);
		header.putShort((short) (found ? values.size() : 0));
		header.putShort((short) 0);
		header.putShort((short) 0);
		out.writeBytes(header.array());
		out.write(query.array(), query.arrayOffset() + 12, questionEnd - 12);
		if (found) {
			for (String value : values) {
				byte[] text = value.getBytes(StandardCharsets.UTF_8);
				ByteBuffer record = ByteBuffer.allocate(12 + text.length + text.length / 255 + 1);
				record.putShort((short) 0xc00c); // the question's name
				record.putShort((short) TXT);
				record.putShort((short) 1); // IN
				record.putInt(60);
				ByteArrayOutputStream data = new ByteArrayOutputStream();
				for (int from = 0; from < text.length || from == 0; from += 255) {
					int length = Math.min(255, text.length - from);
					data.write(length);
					data.write(text, from, length);
				}
				record.putShort((short) data.size());
				out.write(record.array(), 0, record.position());
				out.writeBytes(data.toByteArray());
			}
		}
		return out.toByteArray();
	}

	/** Points every test context's domain verification at this server. */
	public static class Settings implements EnvironmentPostProcessor {

		@Override
		public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("test-dns",
						Map.of("octavia.identity.domain-verification.dns-servers", url())));
		}

	}

}
