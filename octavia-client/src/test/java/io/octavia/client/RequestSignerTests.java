package io.octavia.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RequestSignerTests {

	private static final String EMPTY_DIGEST = "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:";

	private static final String TENANT = "0193a5b2-7c1d-7e4f-8a9b-0c1d2e3f4a5b";

	private static final String BRAND = "0193a5b2-7c1d-7e4f-8a9b-ffffffffffff";

	private static final String NONCE = "N0nceN0nceN0nceN0nce12";

	private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1764000000), ZoneOffset.UTC);

	private final RequestSigner signer = new RequestSigner(ApiKey.parse(TestKeys.API_KEY), TestKeys.SIGNING_SECRET,
			this.clock);

	@Test
	void signsAWriteWithQueryAndTenantAsAgreed() throws Exception {
		byte[] body = "{\"amount\":100}".getBytes(StandardCharsets.UTF_8);
		SignedHeaders signed = this.signer.sign("post",
				URI.create("https://API.example.com/api/v1/ledgers/entries?dry_run=true"), TENANT, null, body,
				1764000000, NONCE);

		String params = "(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\" \"x-tenant-id\");created=1764000000;expires=1764000060;keyid=\"AbCdEfGhIjKlMnOp\";nonce=\""
				+ NONCE + "\";alg=\"hmac-sha256\"";
		assertThat(signed.contentDigest()).isEqualTo(RequestSigner.contentDigest(body))
			.isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":");
		assertThat(signed.signatureBase()).isEqualTo("""
				"@method": POST
				"@authority": api.example.com
				"@path": /api/v1/ledgers/entries
				"@query": ?dry_run=true
				"content-digest": %s
				"x-tenant-id": %s
				"@signature-params": %s""".formatted(signed.contentDigest(), TENANT, params));
		assertThat(signed.signatureInput()).isEqualTo("sig1=" + params);
		assertThat(signed.signature())
			.isEqualTo("sig1=:" + openSslHmac(TestKeys.SIGNING_SECRET, signed.signatureBase()) + ":");
	}

	@Test
	void aRequestWithoutQueryBodyOrContextHeadersSignsAQuestionMarkAndTheEmptyDigest() throws Exception {
		SignedHeaders signed = this.signer.sign("GET", URI.create("http://localhost:8080/api/v1/whoami"), null, null,
				new byte[0], 1764000000, NONCE);

		assertThat(signed.contentDigest()).isEqualTo(EMPTY_DIGEST);
		assertThat(signed.signatureBase()).isEqualTo(
				"""
						"@method": GET
						"@authority": localhost:8080
						"@path": /api/v1/whoami
						"@query": ?
						"content-digest": %s
						"@signature-params": ("@method" "@authority" "@path" "@query" "content-digest");created=1764000000;expires=1764000060;keyid="AbCdEfGhIjKlMnOp";nonce="%s";alg="hmac-sha256\""""
					.formatted(EMPTY_DIGEST, NONCE));
		assertThat(signed.signature())
			.isEqualTo("sig1=:" + openSslHmac(TestKeys.SIGNING_SECRET, signed.signatureBase()) + ":");
	}

	@Test
	void tenantAndBrandAreCoveredInThatOrderWithTrimmedValues() {
		SignedHeaders signed = this.signer.sign("DELETE",
				URI.create("https://api.example.com:443/api/v1/brands/x%2Fy?a=%20b&c"), " " + TENANT + " ", BRAND,
				new byte[0], 1764000000, NONCE);

		assertThat(signed.signatureBase()).startsWith(
				"""
						"@method": DELETE
						"@authority": api.example.com
						"@path": /api/v1/brands/x%2Fy
						"@query": ?a=%20b&c
						"content-digest": sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:
						"x-tenant-id": 0193a5b2-7c1d-7e4f-8a9b-0c1d2e3f4a5b
						"x-brand-id": 0193a5b2-7c1d-7e4f-8a9b-ffffffffffff
						"@signature-params": ("@method" "@authority" "@path" "@query" "content-digest" "x-tenant-id" "x-brand-id");""");
	}

	@Test
	void theAuthorityKeepsOnlyANonDefaultPort() {
		assertThat(RequestSigner.authority(URI.create("https://Api.Example.com/x"))).isEqualTo("api.example.com");
		assertThat(RequestSigner.authority(URI.create("https://api.example.com:443/x"))).isEqualTo("api.example.com");
		assertThat(RequestSigner.authority(URI.create("https://api.example.com:8443/x")))
			.isEqualTo("api.example.com:8443");
		assertThat(RequestSigner.authority(URI.create("http://api.example.com:80/x"))).isEqualTo("api.example.com");
		assertThat(RequestSigner.authority(URI.create("http://127.0.0.1:18380/x"))).isEqualTo("127.0.0.1:18380");
	}

	@Test
	void everySignatureHasAFreshNonceAndTheClocksTimes() {
		URI uri = URI.create("https://api.example.com/api/v1/whoami");
		SignedHeaders first = this.signer.sign("GET", uri, null, null, new byte[0]);
		SignedHeaders second = this.signer.sign("GET", uri, null, null, new byte[0]);

		assertThat(first.signatureInput()).contains(";created=1764000000;expires=1764000060;")
			.matches(".*;nonce=\"[0-9A-Za-z]{22}\";.*");
		assertThat(nonce(first)).isNotEqualTo(nonce(second));
		assertThat(first.signature()).isNotEqualTo(second.signature());
	}

	@Test
	void refusesASigningSecretOfAnotherShape() {
		ApiKey key = ApiKey.parse(TestKeys.API_KEY);
		assertThatIllegalArgumentException().isThrownBy(() -> new RequestSigner(key, "octsig_short", this.clock));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RequestSigner(key, TestKeys.SIGNING_SECRET.substring(7), this.clock));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RequestSigner(key, TestKeys.SIGNING_SECRET.replace('a', '-'), this.clock));
	}

	private static String nonce(SignedHeaders signed) {
		return signed.signatureInput().replaceAll(".*;nonce=\"([^\"]*)\".*", "$1");
	}

	private static byte[] sha256(byte[] body) throws Exception {
		return java.security.MessageDigest.getInstance("SHA-256").digest(body);
	}

	/** HMAC-SHA256 computed by openssl, independently of the JDK. */
	private static String openSslHmac(String key, String data) throws IOException, InterruptedException {
		Process openssl;
		try {
			openssl = new ProcessBuilder("openssl", "dgst", "-sha256", "-binary", "-hmac", key).start();
		}
		catch (IOException ex) {
			assumeTrue(false, "openssl is not installed");
			throw ex;
		}
		try (OutputStream in = openssl.getOutputStream()) {
			in.write(data.getBytes(StandardCharsets.UTF_8));
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		openssl.getInputStream().transferTo(out);
		assertThat(openssl.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(openssl.exitValue()).isZero();
		return Base64.getEncoder().encodeToString(out.toByteArray());
	}

}
