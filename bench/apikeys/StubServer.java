import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * For bench/apikeys/selfcheck.sh only: a stand-in for the application that checks what the load
 * generator sends, independently of the client's code, by the agreed protocol: the API key, and
 * on signed requests digest, signature, time window and that no nonce comes twice. Prints a new
 * key and signing secret on its first line; answers 200 or 401 with the reason.
 *   java bench/apikeys/StubServer.java PORT
 */
public class StubServer {

	static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	static final Pattern INPUT = Pattern.compile(
			"sig1=\\(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\"\\);created=(\\d+);expires=(\\d+);keyid=\"([0-9A-Za-z]{16})\";nonce=\"([A-Za-z0-9_-]{16,64})\";alg=\"hmac-sha256\"");

	static final Set<String> nonces = ConcurrentHashMap.newKeySet();

	public static void main(String[] args) throws Exception {
		SecureRandom random = new SecureRandom();
		String keyId = random(random, 16);
		String body = "oct_test_" + keyId + "_" + random(random, 22);
		String key = body + checksum(body);
		String secret = "octsig_" + random(random, 43);
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 128);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", (exchange) -> {
			String refusal = check(exchange, key, keyId, secret);
			if (refusal == null && exchange.getRequestHeaders().containsKey("Authorization")) {
				// as the gateway names an authenticated caller's tenant
				exchange.getResponseHeaders().add("x-tenant-id", "00000000-0000-0000-0000-000000000001");
			}
			answer(exchange, (refusal == null) ? 200 : 401, (refusal == null) ? "{}" : "{\"code\":\"" + refusal + "\"}");
		});
		server.start();
		System.out.println("key=" + key + " secret=" + secret);
	}

	static String check(HttpExchange exchange, String key, String keyId, String secret) throws IOException {
		exchange.getRequestBody().readAllBytes();
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String path = exchange.getRequestURI().getRawPath();
		if (authorization == null) {
			return path.equals("/api/v1/meta") ? null : "unauthorized";
		}
		if (!authorization.equals("Bearer " + key)) {
			return "api_key_invalid";
		}
		String input = exchange.getRequestHeaders().getFirst("Signature-Input");
		if (input == null) {
			return null;
		}
		Matcher params = INPUT.matcher(input);
		long now = Instant.now().getEpochSecond();
		if (!params.matches() || !params.group(3).equals(keyId)) {
			return "signature_invalid";
		}
		if (Long.parseLong(params.group(1)) > now + 300 || now > Long.parseLong(params.group(2)) + 300) {
			return "signature_expired";
		}
		String digest = "sha-256=:" + Base64.getEncoder().encodeToString(sha256(new byte[0])) + ":";
		if (!digest.equals(exchange.getRequestHeaders().getFirst("Content-Digest"))) {
			return "digest_mismatch";
		}
		String query = exchange.getRequestURI().getRawQuery();
		String base = "\"@method\": " + exchange.getRequestMethod() + "\n\"@authority\": "
				+ exchange.getRequestHeaders().getFirst("Host").toLowerCase() + "\n\"@path\": " + path + "\n\"@query\": ?"
				+ ((query != null) ? query : "") + "\n\"content-digest\": " + digest + "\n\"@signature-params\": "
				+ input.substring(5);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] expected = mac.doFinal(base.getBytes(StandardCharsets.UTF_8));
			String signature = exchange.getRequestHeaders().getFirst("Signature");
			if (signature == null || !signature.startsWith("sig1=:") || !signature.endsWith(":")
					|| !MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(6, signature.length() - 1)))) {
				return "signature_invalid";
			}
		}
		catch (Exception ex) {
			return "signature_invalid";
		}
		return nonces.add(params.group(4)) ? null : "nonce_replayed";
	}

	static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String random(SecureRandom random, int length) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < length; i++) {
			out.append(ALPHABET.charAt(random.nextInt(62)));
		}
		return out.toString();
	}

	static String checksum(String body) {
		CRC32 crc = new CRC32();
		crc.update(body.getBytes(StandardCharsets.UTF_8));
		long value = crc.getValue();
		char[] digits = new char[6];
		for (int i = 5; i >= 0; i--) {
			digits[i] = ALPHABET.charAt((int) (value % 62));
			value /= 62;
		}
		return new String(digits);
	}

}
