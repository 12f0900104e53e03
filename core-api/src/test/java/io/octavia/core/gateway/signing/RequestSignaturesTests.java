package io.octavia.core.gateway.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.octavia.core.platform.DomainProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signature verifier on its own: the worked example of docs/api-keys.md (also
 * computed with {@code openssl}), and every way a request can be tampered with.
 */
class RequestSignaturesTests {

	// the worked example of docs/api-keys.md
	static final String SECRET = "octsig_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg";

	static final String KEY_ID = "AbCdEfGhIjKlMnOp";

	static final String TENANT = "0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b";

	static final String BODY = "{\"amount\":100}";

	static final String PARAMS = "(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\" \"x-tenant-id\")"
			+ ";created=1764000000;expires=1764000300;keyid=\"AbCdEfGhIjKlMnOp\";nonce=\"n0nce-Example_1234567890\""
			+ ";alg=\"hmac-sha256\"";

	static final String DIGEST = "sha-256=:TUu+Wcaq0iRCzeGZpqil8DRAX814+1qBwk7ySd4cRfE=:";

	static final String SIGNATURE = "sig1=:cw3jjGyU/Xu2pXhhOyvbDsi+6aukkt8CMLx9t2iZTXU=:";

	static final String BASE = """
			"@method": POST
			"@authority": api.example.com
			"@path": /api/v1/ledgers/entries
			"@query": ?dry_run=true
			"content-digest": sha-256=:TUu+Wcaq0iRCzeGZpqil8DRAX814+1qBwk7ySd4cRfE=:
			"x-tenant-id": 0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b
			"@signature-params": """ + " " + PARAMS;

	static final Instant NOW = Instant.ofEpochSecond(1764000100);

	@Test
	void theDocumentedExampleVerifies() {
		RequestSignatures.Verified verified = RequestSignatures.verify(example(headers()), KEY_ID, SECRET, NOW);
		assertThat(verified.nonce()).isEqualTo("n0nce-Example_1234567890");
		assertThat(RequestSignatures.contentDigest(BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(DIGEST);
		assertThat(RequestSignatures.signatureBase(example(headers()),
				List.of("@method", "@authority", "@path", "@query", "content-digest", "x-tenant-id"), PARAMS))
			.isEqualTo(BASE);
	}

	@Test
	void opensslComputesTheDocumentedSignature() throws IOException, InterruptedException {
		Process openssl = new ProcessBuilder("openssl", "dgst", "-sha256", "-hmac", SECRET, "-binary").start();
		openssl.getOutputStream().write(BASE.getBytes(StandardCharsets.UTF_8));
		openssl.getOutputStream().close();
		byte[] mac = openssl.getInputStream().readAllBytes();
		assertThat(openssl.waitFor()).isZero();
		assertThat("sig1=:" + Base64.getEncoder().encodeToString(mac) + ":").isEqualTo(SIGNATURE);
	}

	@Test
	void aTamperedBodyIsADigestMismatch() {
		RequestSignatures.SignedRequest tampered = new RequestSignatures.SignedRequest("POST", "api.example.com",
				"/api/v1/ledgers/entries", "dry_run=true", lookup(headers()),
				"{\"amount\":1000}".getBytes(StandardCharsets.UTF_8));
		assertRefused(tampered, "digest_mismatch");
		Map<String, String> noDigest = headers();
		noDigest.remove("content-digest");
		assertRefused(example(noDigest), "digest_mismatch");
		Map<String, String> otherAlgorithm = headers();
		otherAlgorithm.put("content-digest", "sha-512=:AAAA:");
		assertRefused(example(otherAlgorithm), "digest_mismatch");
	}

	@Test
	void aTamperedMethodAuthorityPathQueryOrHeaderIsInvalid() {
		byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
		assertRefused(new RequestSignatures.SignedRequest("PUT", "api.example.com", "/api/v1/ledgers/entries",
				"dry_run=true", lookup(headers()), body), "signature_invalid");
		assertRefused(new RequestSignatures.SignedRequest("POST", "evil.example.com", "/api/v1/ledgers/entries",
				"dry_run=true", lookup(headers()), body), "signature_invalid");
		assertRefused(new RequestSignatures.SignedRequest("POST", "api.example.com", "/api/v1/ledgers/entries/x",
				"dry_run=true", lookup(headers()), body), "signature_invalid");
		assertRefused(new RequestSignatures.SignedRequest("POST", "api.example.com", "/api/v1/ledgers/entries",
				"dry_run=false", lookup(headers()), body), "signature_invalid");
		assertRefused(new RequestSignatures.SignedRequest("POST", "api.example.com", "/api/v1/ledgers/entries", null,
				lookup(headers()), body), "signature_invalid");
		Map<String, String> otherTenant = headers();
		otherTenant.put("x-tenant-id", "0193a2b4-5c6d-7e8f-9a0b-000000000000");
		assertRefused(example(otherTenant), "signature_invalid");
	}

	@Test
	void anUncoveredBrandHeaderAnotherKeyOrAlgorithmOrAForgedMacIsInvalid() {
		Map<String, String> brand = headers();
		brand.put("x-brand-id", "0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6c");
		assertRefused(example(brand), "signature_invalid");
		assertThatThrownBy(() -> RequestSignatures.verify(example(headers()), "ZZZZZZZZZZZZZZZZ", SECRET, NOW))
			.extracting("code")
			.isEqualTo("signature_invalid");
		assertThatThrownBy(() -> RequestSignatures.verify(example(headers()), KEY_ID, SECRET + "x", NOW))
			.extracting("code")
			.isEqualTo("signature_invalid");
		Map<String, String> hs256 = headers();
		hs256.put("signature-input", "sig1=" + PARAMS.replace("hmac-sha256", "rsa-pss-sha512"));
		assertRefused(example(hs256), "signature_invalid");
		Map<String, String> otherLabel = headers();
		otherLabel.put("signature-input", "sig2=" + PARAMS);
		otherLabel.put("signature", SIGNATURE.replace("sig1", "sig2"));
		assertRefused(example(otherLabel), "signature_invalid");
		Map<String, String> garbage = headers();
		garbage.put("signature", "sig1=:not base64!:");
		assertRefused(example(garbage), "signature_invalid");
		Map<String, String> missingDigestComponent = headers();
		missingDigestComponent.put("signature-input", "sig1=" + PARAMS.replace(" \"content-digest\"", ""));
		assertRefused(example(missingDigestComponent), "signature_invalid");
		Map<String, String> badNonce = headers();
		badNonce.put("signature-input", "sig1=" + PARAMS.replace("n0nce-Example_1234567890", "short"));
		assertRefused(example(badNonce), "signature_invalid");
		Map<String, String> unquotedCreated = headers();
		unquotedCreated.put("signature-input", "sig1=" + PARAMS.replace("created=1764000000", "created=\"1\""));
		assertRefused(example(unquotedCreated), "signature_invalid");
	}

	@Test
	void aSignatureOutsideItsWindowIsExpired() {
		assertThat(RequestSignatures.verify(example(headers()), KEY_ID, SECRET, Instant.ofEpochSecond(1764000600)))
			.as("expires + 300 is still accepted")
			.isNotNull();
		assertThatThrownBy(
				() -> RequestSignatures.verify(example(headers()), KEY_ID, SECRET, Instant.ofEpochSecond(1764000601)))
			.extracting("code")
			.isEqualTo("signature_expired");
		assertThatThrownBy(
				() -> RequestSignatures.verify(example(headers()), KEY_ID, SECRET, Instant.ofEpochSecond(1763999699)))
			.as("created more than 300 s ahead")
			.extracting("code")
			.isEqualTo("signature_expired");
		Map<String, String> tooLong = headers();
		tooLong.put("signature-input", "sig1=" + PARAMS.replace("expires=1764000300", "expires=1764000301"));
		assertRefused(example(tooLong), "signature_expired");
		Map<String, String> backwards = headers();
		backwards.put("signature-input", "sig1=" + PARAMS.replace("expires=1764000300", "expires=1763999999"));
		assertRefused(example(backwards), "signature_expired");
	}

	@Test
	void noSignatureHeadersIsMissing() {
		Map<String, String> half = headers();
		half.remove("signature");
		assertRefused(example(half), "signature_invalid");
		Map<String, String> none = headers();
		none.remove("signature");
		none.remove("signature-input");
		assertRefused(example(none), "signature_missing");
		assertThat(RequestSignatures.signed(lookup(none))).isFalse();
		assertThat(RequestSignatures.signed(lookup(half))).isTrue();
	}

	@Test
	void signatureParametersAreParsedStrictly() {
		// other parameters are signed and otherwise ignored: a tag of any printable
		// character but quote and backslash, an integer of up to 15 digits
		assertThat(verifySigned(PARAMS + ";tag=\"app: v1 ~!#$%&'()*+,/=;\";n=-123456789012345").nonce())
			.isEqualTo("n0nce-Example_1234567890");
		// each signed correctly, so only the parser can refuse it
		for (String malformed : List.of(PARAMS + ";tag=\"unterminated", PARAMS + ";tag=\"back\\slash\"",
				PARAMS + ";tag=\"tab\there\"", PARAMS + ";n=1234567890123456", PARAMS + ";n=-", PARAMS + ";n=",
				PARAMS + ";n", PARAMS + ";Upper=1", PARAMS + ";1name=1", PARAMS + ";", PARAMS + "x", PARAMS + " ;n=1",
				PARAMS.replace(";created=", ";created ="), PARAMS.replace("\"@path\"", "\"@PATH\""),
				PARAMS.replace("\"@path\"", "\"@path\" \"@path\""), PARAMS.replace("\"@path\"", "\"\""),
				PARAMS.replace("\"@path\"", "@path"), PARAMS.replace("\"@path\" ", "\"@path\"  "),
				PARAMS.replace("(", ""))) {
			assertThatThrownBy(() -> verifySigned(malformed)).as(malformed)
				.extracting("code")
				.isEqualTo("signature_invalid");
		}
	}

	/** The example request with these signature parameters, signed correctly. */
	private static RequestSignatures.Verified verifySigned(String params) {
		Map<String, String> headers = headers();
		headers.put("signature-input", "sig1=" + params);
		byte[] mac = RequestSignatures.hmac(SECRET, RequestSignatures.signatureBase(example(headers),
				List.of("@method", "@authority", "@path", "@query", "content-digest", "x-tenant-id"), params));
		headers.put("signature", "sig1=:" + Base64.getEncoder().encodeToString(mac) + ":");
		return RequestSignatures.verify(example(headers), KEY_ID, SECRET, NOW);
	}

	@Test
	void dictionaryMembersAreFoundAmongOthers() {
		assertThat(RequestSignatures.member("sig0=:AA==:, sig1=:BB==:", "sig1")).isEqualTo(":BB==:");
		assertThat(RequestSignatures.member("a=(\"x, y\");k=\"v,w\", sig1=(\"@path\")", "sig1"))
			.isEqualTo("(\"@path\")");
		assertThat(RequestSignatures.member("sig10=:AA==:", "sig1")).isNull();
	}

	private static void assertRefused(RequestSignatures.SignedRequest request, String code) {
		assertThatThrownBy(() -> RequestSignatures.verify(request, KEY_ID, SECRET, NOW))
			.isInstanceOf(DomainProblem.class)
			.extracting("code")
			.isEqualTo(code);
	}

	private static Map<String, String> headers() {
		Map<String, String> headers = new HashMap<>();
		headers.put("content-digest", DIGEST);
		headers.put("x-tenant-id", TENANT);
		headers.put("signature-input", "sig1=" + PARAMS);
		headers.put("signature", SIGNATURE);
		return headers;
	}

	private static RequestSignatures.SignedRequest example(Map<String, String> headers) {
		return new RequestSignatures.SignedRequest("POST", "api.example.com", "/api/v1/ledgers/entries", "dry_run=true",
				lookup(headers), BODY.getBytes(StandardCharsets.UTF_8));
	}

	private static RequestSignatures.Headers lookup(Map<String, String> headers) {
		return headers::get;
	}

}
