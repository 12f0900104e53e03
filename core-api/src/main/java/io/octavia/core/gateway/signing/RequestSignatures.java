package io.octavia.core.gateway.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.DomainProblem;

/**
 * Verifies HTTP Message Signatures (RFC 9421) with {@code hmac-sha256} as
 * docs/api-keys.md specifies them: label {@code sig1}, components
 * {@code "@method" "@authority" "@path"
 * "@query" "content-digest"} and the {@code x-tenant-id}/{@code x-brand-id} headers the
 * request carries, parameters {@code created}, {@code expires}, {@code keyid},
 * {@code nonce}; a body digest (RFC 9530) over the exact bytes received; a window of
 * ±{@value #SKEW_SECONDS} s. Everything is compared in constant time.
 * <p>
 * Pure and thread-safe (no Spring, no I/O): the nonce is returned for the caller to
 * record once ({@link NonceStore}), so this class can be tested and benchmarked alone.
 */
public final class RequestSignatures {

	public static final String SIGNATURE = "signature";

	public static final String SIGNATURE_INPUT = "signature-input";

	public static final String CONTENT_DIGEST = "content-digest";

	public static final String LABEL = "sig1";

	public static final String ALGORITHM = "hmac-sha256";

	public static final long SKEW_SECONDS = 300;

	/** The longest a signature may be valid: {@code expires - created}. */
	public static final long MAX_LIFETIME_SECONDS = 300;

	private static final List<String> REQUIRED = List.of("@method", "@authority", "@path", "@query", CONTENT_DIGEST);

	private static final List<String> CLAIM_HEADERS = List.of("x-tenant-id", "x-brand-id");

	private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");

	private static final Pattern COMPONENT = Pattern.compile("\"([a-z0-9@_.-]+)\"");

	private static final Pattern PARAMETER = Pattern
		.compile(";([a-z][a-z0-9_.*-]*)=(\"[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]*\"|-?[0-9]{1,15})");

	/** A request's header values by lower-case name, several lines joined by ", ". */
	@FunctionalInterface
	public interface Headers {

		@Nullable String get(String lowerCaseName);

	}

	/**
	 * What a signature covers of a request.
	 *
	 * @param authority the {@code Host} header as sent
	 * @param rawPath still percent-encoded
	 * @param rawQuery without {@code ?}, null when there is none
	 */
	public record SignedRequest(String method, String authority, String rawPath, @Nullable String rawQuery,
			Headers headers, byte[] body) {
	}

	/** The parameters of a verified signature; record the nonce once. */
	public record Verified(String keyId, String nonce, long created, long expires) {
	}

	private RequestSignatures() {
	}

	/** Whether the request carries any signature header (then it is verified). */
	public static boolean signed(Headers headers) {
		return headers.get(SIGNATURE) != null || headers.get(SIGNATURE_INPUT) != null;
	}

	/**
	 * @param keyId the id of the API key that authenticates the request
	 * @param signingSecret that key's {@code octsig_...} secret
	 * @throws DomainProblem 401 {@code signature_missing}, {@code signature_invalid},
	 * {@code signature_expired} or {@code digest_mismatch}
	 */
	public static Verified verify(SignedRequest request, String keyId, String signingSecret, Instant now) {
		String input = request.headers().get(SIGNATURE_INPUT);
		String signature = request.headers().get(SIGNATURE);
		if (input == null && signature == null) {
			throw problem("signature_missing");
		}
		if (input == null || signature == null) {
			// half a signature is a malformed one
			throw problem("signature_invalid");
		}
		String params = member(input, LABEL);
		String signatureValue = member(signature, LABEL);
		if (params == null || signatureValue == null) {
			throw problem("signature_invalid");
		}
		Parsed parsed = parse(params);
		if (!keyId.equals(parsed.keyId) || (parsed.alg != null && !ALGORITHM.equals(parsed.alg))) {
			throw problem("signature_invalid");
		}
		for (String required : REQUIRED) {
			if (!parsed.components.contains(required)) {
				throw problem("signature_invalid");
			}
		}
		for (String claim : CLAIM_HEADERS) {
			if (request.headers().get(claim) != null && !parsed.components.contains(claim)) {
				throw problem("signature_invalid");
			}
		}
		long seconds = now.getEpochSecond();
		if (parsed.created > seconds + SKEW_SECONDS || seconds > parsed.expires + SKEW_SECONDS
				|| parsed.expires < parsed.created || parsed.expires - parsed.created > MAX_LIFETIME_SECONDS) {
			throw problem("signature_expired");
		}
		checkDigest(request);
		byte[] presented = byteSequence(signatureValue);
		byte[] expected = hmac(signingSecret, signatureBase(request, parsed.components, params));
		if (!MessageDigest.isEqual(presented, expected)) {
			throw problem("signature_invalid");
		}
		return new Verified(parsed.keyId, parsed.nonce, parsed.created, parsed.expires);
	}

	/**
	 * The signature base of RFC 9421 §2.5: one line per covered component, then the
	 * {@code @signature-params} line with the parameters exactly as sent.
	 */
	public static String signatureBase(SignedRequest request, List<String> components, String signatureParams) {
		StringBuilder base = new StringBuilder();
		for (String component : components) {
			base.append('"').append(component).append("\": ").append(value(request, component)).append('\n');
		}
		return base.append("\"@signature-params\": ").append(signatureParams).toString();
	}

	/** {@code sha-256=:<base64>:} of the body. */
	public static String contentDigest(byte[] body) {
		return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":";
	}

	public static byte[] hmac(String signingSecret, String signatureBase) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(signatureBase.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is unavailable", ex);
		}
	}

	private static void checkDigest(SignedRequest request) {
		String header = request.headers().get(CONTENT_DIGEST);
		String digest = (header != null) ? member(header, "sha-256") : null;
		if (digest == null) {
			throw problem("digest_mismatch");
		}
		byte[] presented;
		try {
			presented = byteSequence(digest);
		}
		catch (DomainProblem ex) {
			throw problem("digest_mismatch");
		}
		if (!MessageDigest.isEqual(presented, sha256(request.body()))) {
			throw problem("digest_mismatch");
		}
	}

	private static String value(SignedRequest request, String component) {
		return switch (component) {
			case "@method" -> request.method().toUpperCase(Locale.ROOT);
			case "@authority" -> request.authority().strip().toLowerCase(Locale.ROOT);
			case "@path" -> request.rawPath().isEmpty() ? "/" : request.rawPath();
			case "@query" -> "?" + ((request.rawQuery() != null) ? request.rawQuery() : "");
			default -> {
				String header = request.headers().get(component);
				if (component.startsWith("@") || header == null) {
					// a derived component we do not know, or a header the request lacks
					throw problem("signature_invalid");
				}
				yield header.strip();
			}
		};
	}

	private record Parsed(List<String> components, long created, long expires, String keyId, String nonce,
			@Nullable String alg) {
	}

	private static Parsed parse(String params) {
		if (!params.startsWith("(")) {
			throw problem("signature_invalid");
		}
		int close = params.indexOf(')');
		if (close < 0) {
			throw problem("signature_invalid");
		}
		List<String> components = new ArrayList<>();
		String inner = params.substring(1, close);
		if (!inner.isEmpty()) {
			for (String item : inner.split(" ", -1)) {
				Matcher matcher = COMPONENT.matcher(item);
				if (!matcher.matches() || components.contains(matcher.group(1))) {
					throw problem("signature_invalid");
				}
				components.add(matcher.group(1));
			}
		}
		Long created = null;
		Long expires = null;
		String keyId = null;
		String nonce = null;
		String alg = null;
		Matcher parameter = PARAMETER.matcher(params);
		int at = close + 1;
		while (at < params.length()) {
			if (!parameter.find(at) || parameter.start() != at) {
				throw problem("signature_invalid");
			}
			String name = parameter.group(1);
			String raw = parameter.group(2);
			boolean quoted = raw.startsWith("\"");
			String text = quoted ? raw.substring(1, raw.length() - 1) : raw;
			switch (name) {
				case "created" -> created = integer(quoted, text);
				case "expires" -> expires = integer(quoted, text);
				case "keyid" -> keyId = string(quoted, text);
				case "nonce" -> nonce = string(quoted, text);
				case "alg" -> alg = string(quoted, text);
				default -> {
					// other parameters (tag) are covered by the signature and otherwise
					// ignored
				}
			}
			at = parameter.end();
		}
		if (created == null || expires == null || keyId == null || nonce == null || !NONCE.matcher(nonce).matches()) {
			throw problem("signature_invalid");
		}
		return new Parsed(components, created, expires, keyId, nonce, alg);
	}

	private static long integer(boolean quoted, String text) {
		if (quoted) {
			throw problem("signature_invalid");
		}
		return Long.parseLong(text);
	}

	private static String string(boolean quoted, String text) {
		if (!quoted) {
			throw problem("signature_invalid");
		}
		return text;
	}

	/**
	 * The value of one member of a structured-field dictionary (RFC 8941), as sent, or
	 * null when the dictionary has no such member.
	 */
	static @Nullable String member(String dictionary, String name) {
		int depth = 0;
		boolean quoted = false;
		int start = 0;
		List<String> members = new ArrayList<>();
		for (int i = 0; i < dictionary.length(); i++) {
			char c = dictionary.charAt(i);
			if (quoted) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth--;
			}
			else if (c == ',' && depth == 0) {
				members.add(dictionary.substring(start, i));
				start = i + 1;
			}
		}
		members.add(dictionary.substring(start));
		String found = null;
		for (String member : members) {
			String trimmed = member.strip();
			int equals = trimmed.indexOf('=');
			if (equals > 0 && trimmed.substring(0, equals).equals(name)) {
				// the last of duplicate members wins (RFC 8941 §4.2)
				found = trimmed.substring(equals + 1);
			}
		}
		return found;
	}

	/** {@code :<base64>:} of RFC 8941. */
	private static byte[] byteSequence(String value) {
		if (value.length() < 2 || value.charAt(0) != ':' || value.charAt(value.length() - 1) != ':') {
			throw problem("signature_invalid");
		}
		try {
			return Base64.getDecoder().decode(value.substring(1, value.length() - 1));
		}
		catch (IllegalArgumentException ex) {
			throw problem("signature_invalid");
		}
	}

	private static byte[] sha256(byte[] body) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(body);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static DomainProblem problem(String code) {
		return new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, code);
	}

}
