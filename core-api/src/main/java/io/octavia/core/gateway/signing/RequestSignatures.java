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

	/**
	 * Copied for each use: {@code getInstance} searched the security providers on every
	 * request (BENCHMARKS.md).
	 */
	private static final MessageDigest SHA_256 = digest();

	private static final Mac HMAC_SHA_256 = mac();

	/** SHA-256 of no bytes: the digest of every request without a body. */
	private static final byte[] EMPTY_SHA_256 = SHA_256.digest();

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
			Mac mac = copy(HMAC_SHA_256);
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

	/**
	 * Parses {@code ("c1" "c2" ...);name=value;...} of RFC 9421 §2.3 by hand (regular
	 * expressions were a quarter of the verification's time): components are quoted
	 * {@code [a-z0-9@_.-]+}, each once; a parameter's name is {@code [a-z][a-z0-9_.*-]*},
	 * its value a quoted string of printable ASCII without {@code "} and {@code \} or an
	 * integer of at most 15 digits.
	 */
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
				String component = component(item);
				if (component == null || components.contains(component)) {
					throw problem("signature_invalid");
				}
				components.add(component);
			}
		}
		Long created = null;
		Long expires = null;
		String keyId = null;
		String nonce = null;
		String alg = null;
		int at = close + 1;
		while (at < params.length()) {
			if (params.charAt(at) != ';') {
				throw problem("signature_invalid");
			}
			int nameStart = at + 1;
			int nameEnd = nameStart;
			while (nameEnd < params.length() && nameChar(params.charAt(nameEnd), nameEnd == nameStart)) {
				nameEnd++;
			}
			if (nameEnd == nameStart || nameEnd >= params.length() || params.charAt(nameEnd) != '=') {
				throw problem("signature_invalid");
			}
			int valueStart = nameEnd + 1;
			int valueEnd = valueEnd(params, valueStart);
			String name = params.substring(nameStart, nameEnd);
			boolean quoted = params.charAt(valueStart) == '"';
			String text = quoted ? params.substring(valueStart + 1, valueEnd - 1)
					: params.substring(valueStart, valueEnd);
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
			at = valueEnd;
		}
		if (created == null || expires == null || keyId == null || nonce == null || !nonce(nonce)) {
			throw problem("signature_invalid");
		}
		return new Parsed(components, created, expires, keyId, nonce, alg);
	}

	/** The name inside {@code "name"}, or null when it is not a quoted component name. */
	private static @Nullable String component(String item) {
		if (item.length() < 3 || item.charAt(0) != '"' || item.charAt(item.length() - 1) != '"') {
			return null;
		}
		for (int i = 1; i < item.length() - 1; i++) {
			char c = item.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '@' || c == '_' || c == '.' || c == '-')) {
				return null;
			}
		}
		return item.substring(1, item.length() - 1);
	}

	private static boolean nameChar(char c, boolean first) {
		if (c >= 'a' && c <= 'z') {
			return true;
		}
		return !first && ((c >= '0' && c <= '9') || c == '_' || c == '.' || c == '*' || c == '-');
	}

	/** Where the parameter value starting at {@code start} ends (exclusive). */
	private static int valueEnd(String params, int start) {
		if (start >= params.length()) {
			throw problem("signature_invalid");
		}
		if (params.charAt(start) == '"') {
			for (int i = start + 1; i < params.length(); i++) {
				char c = params.charAt(i);
				if (c == '"') {
					return i + 1;
				}
				if (c < 0x20 || c > 0x7e || c == '\\') {
					throw problem("signature_invalid");
				}
			}
			throw problem("signature_invalid");
		}
		int digits = (params.charAt(start) == '-') ? start + 1 : start;
		int end = digits;
		while (end < params.length() && params.charAt(end) >= '0' && params.charAt(end) <= '9') {
			end++;
		}
		if (end == digits || end - digits > 15) {
			throw problem("signature_invalid");
		}
		return end;
	}

	/** 16 to 64 characters of {@code [A-Za-z0-9_-]}. */
	private static boolean nonce(String nonce) {
		if (nonce.length() < 16 || nonce.length() > 64) {
			return false;
		}
		for (int i = 0; i < nonce.length(); i++) {
			char c = nonce.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
				return false;
			}
		}
		return true;
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
		if (body.length == 0) {
			return EMPTY_SHA_256.clone();
		}
		try {
			return ((MessageDigest) SHA_256.clone()).digest(body);
		}
		catch (CloneNotSupportedException ex) {
			return digest().digest(body);
		}
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Mac mac() {
		try {
			return Mac.getInstance("HmacSHA256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is unavailable", ex);
		}
	}

	/** An uninitialised copy with its provider chosen. */
	private static Mac copy(Mac prototype) {
		try {
			return (Mac) prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			return mac();
		}
	}

	private static DomainProblem problem(String code) {
		return new DomainProblem(DomainProblem.Kind.UNAUTHORIZED, code);
	}

}
