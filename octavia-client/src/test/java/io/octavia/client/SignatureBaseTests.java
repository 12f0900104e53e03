package io.octavia.client;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The HMAC-SHA256 example of RFC 9421, Appendix B.2.5, through the client's own code. */
class SignatureBaseTests {

	/** The {@code test-shared-secret} of RFC 9421 Appendix B.1.5. */
	private static final String RFC_SHARED_SECRET = "uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==";

	@Test
	void reproducesTheSignatureBaseAndSignatureOfAppendixB25() {
		SignatureBase base = new SignatureBase().component("date", "Tue, 20 Apr 2021 02:07:55 GMT")
			.component("@authority", "example.com")
			.component("content-type", "application/json");
		String params = base.signatureParams(";created=1618884473;keyid=\"test-shared-secret\"");
		String signatureBase = base.build(params);

		assertThat(params)
			.isEqualTo("(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"");
		assertThat(signatureBase).isEqualTo(
				"""
						"date": Tue, 20 Apr 2021 02:07:55 GMT
						"@authority": example.com
						"content-type": application/json
						"@signature-params": ("date" "@authority" "content-type");created=1618884473;keyid="test-shared-secret\"""");
		byte[] signature = RequestSigner.hmacSha256(Base64.getDecoder().decode(RFC_SHARED_SECRET), signatureBase);
		assertThat(Base64.getEncoder().encodeToString(signature))
			.isEqualTo("pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=");
	}

}
