package io.octavia.core.apikeys;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The key text: shape, checksum, the scanner regex, and addresses of allow-lists. */
class ApiKeyFormatTests {

	@Test
	void aNewKeyHasTheDocumentedShapeAndParsesBack() {
		String key = ApiKeyFormat.newKey(ApiKeyMode.LIVE);
		assertThat(key).matches("oct_live_[0-9A-Za-z]{16}_[0-9A-Za-z]{28}");
		assertThat(Pattern.compile(ApiKeyFormat.SCANNER_REGEX).matcher("token=" + key + ";").find()).isTrue();
		ApiKeyFormat.ParsedKey parsed = ApiKeyFormat.parse(key).orElseThrow();
		assertThat(parsed.mode()).isEqualTo(ApiKeyMode.LIVE);
		assertThat(parsed.keyId()).isEqualTo(key.substring(9, 25));
		assertThat(ApiKeyFormat.parse(ApiKeyFormat.newKey(ApiKeyMode.TEST)).orElseThrow().mode())
			.isEqualTo(ApiKeyMode.TEST);
	}

	@Test
	void theChecksumIsTheCrc32OfTheBodyInBase62() {
		String body = "oct_live_AbCdEfGhIjKlMnOp_0123456789abcdefghijkl";
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		long value = crc.getValue();
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 6; i++) {
			expected.insert(0, ApiKeyFormat.ALPHABET.charAt((int) (value % 62)));
			value /= 62;
		}
		assertThat(ApiKeyFormat.checksum(body)).isEqualTo(expected.toString());
		assertThat(ApiKeyFormat.parse(body + expected)).isPresent();
	}

	@Test
	void aMistypedTruncatedOrForeignKeyIsRefusedOffline() {
		String key = ApiKeyFormat.newKey(ApiKeyMode.LIVE);
		char last = key.charAt(30);
		String typo = key.substring(0, 30) + (last == 'a' ? 'b' : 'a') + key.substring(31);
		assertThat(ApiKeyFormat.parse(typo)).isEmpty();
		assertThat(ApiKeyFormat.parse(key.substring(0, key.length() - 1))).isEmpty();
		assertThat(ApiKeyFormat.parse(key + "0")).isEmpty();
		assertThat(ApiKeyFormat.parse(key.replace("oct_live_", "oct_prod_"))).isEmpty();
		assertThat(ApiKeyFormat.parse(key.replace("oct_live_", "oct_test_"))).as("the mode is under the checksum")
			.isEmpty();
		assertThat(ApiKeyFormat.parse("")).isEmpty();
		assertThat(ApiKeyFormat.parse("oct_live_" + "é".repeat(16) + "_" + "a".repeat(28))).isEmpty();
	}

	@Test
	void signingSecretsCarryTheirPrefixAnd43Base62Characters() {
		assertThat(ApiKeyFormat.newSigningSecret()).matches("octsig_[0-9A-Za-z]{43}");
		assertThat(ApiKeyFormat.newSigningSecret()).isNotEqualTo(ApiKeyFormat.newSigningSecret());
	}

	@Test
	void ipRangesMatchTheirFamilyOnly() {
		IpRange v4 = IpRange.parse("203.0.113.0/24").orElseThrow();
		assertThat(v4.contains("203.0.113.77")).isTrue();
		assertThat(v4.contains("203.0.114.1")).isFalse();
		assertThat(v4.contains("::ffff:cb00:7101")).as("IPv4-mapped is parsed as IPv4 by Java").isTrue();
		IpRange v6 = IpRange.parse("2001:db8::/32").orElseThrow();
		assertThat(v6.contains("2001:db8:1::5")).isTrue();
		assertThat(v6.contains("2001:db9::1")).isFalse();
		assertThat(v6.contains("203.0.113.77")).isFalse();
		assertThat(IpRange.parse("127.0.0.1").orElseThrow().contains("127.0.0.1")).isTrue();
		assertThat(IpRange.parse("0.0.0.0/0").orElseThrow().contains("8.8.8.8")).isTrue();
		assertThat(IpRange.parse("10.0.0.0/33")).isEmpty();
		assertThat(IpRange.parse("example.com")).as("never resolved").isEmpty();
		assertThat(IpRange.parse("10.0.0/8")).isEmpty();
		assertThat(IpRange.parse("10.0.0.0/-1")).isEmpty();
		assertThat(v4.contains("not-an-address")).isFalse();
	}

}
