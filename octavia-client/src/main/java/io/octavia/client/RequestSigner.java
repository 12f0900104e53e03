package io.octavia.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Signs requests with HTTP Message Signatures (RFC 9421), HMAC-SHA256 under the key's
 * signing secret, as Octavia's gateway verifies them: label {@code sig1}, covering
 * {@code @method}, {@code @authority}, {@code @path}, {@code @query},
 * {@code content-digest} and the {@code x-tenant-id} and {@code x-brand-id} headers when
 * the request carries them, with {@code created}, {@code expires}, {@code keyid}, a fresh
 * {@code nonce} and {@code alg}. Every call makes a new signature: the server accepts a
 * nonce once. Thread-safe.
 */
public final class RequestSigner {

	private static final Pattern SIGNING_SECRET = Pattern.compile("octsig_[0-9A-Za-z]{43}");

	private static final String HMAC = "HmacSHA256";

	/** How long a signature is valid; the server allows at most 300 s. */
	private static final long LIFETIME_SECONDS = 60;

	private final String keyId;

	private final byte[] secret;

	private final Mac prototype;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	/**
	 * @param signingSecret {@code octsig_} and 43 base62 characters, as shown once when
	 * the key was created
	 * @throws IllegalArgumentException if the secret has another shape
	 */
	public RequestSigner(ApiKey apiKey, String signingSecret, Clock clock) {
		if (!SIGNING_SECRET.matcher(signingSecret).matches()) {
			throw new IllegalArgumentException("not an Octavia signing secret: expected octsig_ and 43 characters");
		}
		this.keyId = apiKey.keyId();
		this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
		this.prototype = hmac(this.secret);
		this.clock = clock;
	}

	/**
	 * Signs one request.
	 * @param uri the request's URI as it will be sent (its raw path and query are signed)
	 * @param tenantId the {@code x-tenant-id} header the request carries, or null
	 * @param brandId the {@code x-brand-id} header the request carries, or null
	 * @param body the exact body bytes (empty for none)
	 */
	public SignedHeaders sign(String method, URI uri, @Nullable String tenantId, @Nullable String brandId,
			byte[] body) {
		long created = this.clock.instant().getEpochSecond();
		return sign(method, uri, tenantId, brandId, body, created, nonce());
	}

	SignedHeaders sign(String method, URI uri, @Nullable String tenantId, @Nullable String brandId, byte[] body,
			long created, String nonce) {
		String contentDigest = contentDigest(body);
		SignatureBase base = new SignatureBase().component("@method", method.toUpperCase(Locale.ROOT))
			.component("@authority", authority(uri))
			.component("@path", path(uri))
			.component("@query", query(uri))
			.component("content-digest", contentDigest);
		if (tenantId != null) {
			base.component("x-tenant-id", tenantId.strip());
		}
		if (brandId != null) {
			base.component("x-brand-id", brandId.strip());
		}
		String params = base.signatureParams(";created=" + created + ";expires=" + (created + LIFETIME_SECONDS)
				+ ";keyid=\"" + this.keyId + "\";nonce=\"" + nonce + "\";alg=\"hmac-sha256\"");
		String signatureBase = base.build(params);
		String signature = Base64.getEncoder().encodeToString(hmacSha256(signatureBase));
		return new SignedHeaders(contentDigest, "sig1=" + params, "sig1=:" + signature + ":", signatureBase);
	}

	/**
	 * 22 base62 characters from 128 random bits, drawn in one call so that threads
	 * signing at the same time hardly wait for the shared SecureRandom.
	 */
	private String nonce() {
		byte[] bits = new byte[16];
		this.random.nextBytes(bits);
		ByteBuffer halves = ByteBuffer.wrap(bits);
		return Base62.encode(halves.getLong(), 11) + Base62.encode(halves.getLong(), 11);
	}

	/** The digest of every request without a body, computed once. */
	private static final String EMPTY_CONTENT_DIGEST = digestOf(new byte[0]);

	/** {@code sha-256=:<base64>:} of the body (RFC 9530), also for an empty body. */
	public static String contentDigest(byte[] body) {
		return (body.length == 0) ? EMPTY_CONTENT_DIGEST : digestOf(body);
	}

	private static String digestOf(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

	/**
	 * The host lower-cased, with the port unless it is the scheme's default: the Host
	 * header that java.net.http sends for this URI.
	 */
	static String authority(URI uri) {
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		int port = uri.getPort();
		int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
		return (port == -1 || port == defaultPort) ? host : host + ":" + port;
	}

	private static String path(URI uri) {
		String path = uri.getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

	/** {@code ?} and the raw query, or {@code ?} alone without one (RFC 9421 §2.2.7). */
	private static String query(URI uri) {
		String query = uri.getRawQuery();
		return (query != null) ? "?" + query : "?";
	}

	private byte[] hmacSha256(String signatureBase) {
		return mac().doFinal(signatureBase.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A copy of the initialised prototype: cheaper than a new Mac per request, and not
	 * shared.
	 */
	private Mac mac() {
		try {
			return (Mac) this.prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			return hmac(this.secret);
		}
	}

	static byte[] hmacSha256(byte[] key, String signatureBase) {
		return hmac(key).doFinal(signatureBase.getBytes(StandardCharsets.UTF_8));
	}

	private static Mac hmac(byte[] key) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(new SecretKeySpec(key, HMAC));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("every JDK has " + HMAC, ex);
		}
	}

}
