package io.octavia.client;

import java.net.URI;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyTests {

	/** The pattern given to secret scanners. */
	private static final Pattern SCANNER = Pattern.compile("\\boct_(live|test)_[0-9A-Za-z]{16}_[0-9A-Za-z]{28}\\b");

	@Test
	void parsesAKeyWithItsChecksum() {
		ApiKey key = ApiKey.parse(TestKeys.API_KEY);

		assertThat(key.keyId()).isEqualTo(TestKeys.KEY_ID);
		assertThat(key.live()).isTrue();
		assertThat(key.value()).isEqualTo(TestKeys.API_KEY).hasSize(9 + 16 + 1 + 28);
		assertThat(SCANNER.matcher("token=" + key.value() + ";").find()).isTrue();
		assertThat(
				ApiKey.parse(TestKeys.withChecksum("oct_test_" + TestKeys.KEY_ID + "_abcdefghijklmnopqrstuv")).live())
			.isFalse();
	}

	@Test
	void theChecksumIsTheCrc32OfThePrefixInBase62() {
		// CRC32("oct_live_AbCdEfGhIjKlMnOp_0123456789abcdefghijKL"), computed
		// independently
		String body = "oct_live_" + TestKeys.KEY_ID + "_0123456789abcdefghijKL";
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		StringBuilder expected = new StringBuilder();
		long value = crc.getValue();
		for (int i = 0; i < 6; i++) {
			expected.insert(0,
					"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".charAt((int) (value % 62)));
			value /= 62;
		}
		assertThat(ApiKey.checksum(body)).isEqualTo(expected.toString());
		assertThat(Base62.encode(0, 6)).isEqualTo("000000");
		assertThat(Base62.encode(61, 6)).isEqualTo("00000z");
		assertThat(Base62.encode(62, 6)).isEqualTo("000010");
		assertThat(Base62.encode(0xFFFFFFFFL, 6)).isEqualTo("4gfFC3");
		assertThat(Base62.encode(-1L, 11)).isEqualTo("LygHa16AHYF");
	}

	@Test
	void refusesAKeyWithAWrongChecksum() {
		String key = TestKeys.API_KEY;
		char last = key.charAt(key.length() - 1);
		String mistyped = key.substring(0, key.length() - 1) + ((last == 'a') ? 'b' : 'a');
		String swapped = key.replace("_0123", "_1023");

		assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.parse(mistyped)).withMessageContaining("checksum");
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.parse(swapped)).withMessageContaining("checksum");
	}

	@Test
	void refusesKeysOfAnotherShapeWithoutRepeatingThem() {
		String key = TestKeys.API_KEY;
		for (String wrong : new String[] { key.substring(0, key.length() - 1), key + "x",
				key.replace("oct_live_", "oct_prod_"), key.replace("oct_live_", "sk_live_"), key.replace('_', '-'),
				"eyJhbGciOiJSUzI1NiJ9.e30.sig", "" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.parse(wrong))
				.withMessageNotContaining(TestKeys.KEY_ID);
		}
	}

	@Test
	void toStringHidesTheSecret() {
		assertThat(ApiKey.parse(TestKeys.API_KEY)).hasToString("oct_live_" + TestKeys.KEY_ID + "_…");
	}

	@Test
	void theBuilderFailsFastOnAMistypedKey() {
		String mistyped = TestKeys.API_KEY.replace("_0123", "_0124");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OctaviaClient.builder().baseUrl(URI.create("http://localhost")).apiKey(mistyped));
		assertThatIllegalArgumentException().isThrownBy(() -> OctaviaClient.builder()
			.baseUrl(URI.create("http://localhost"))
			.signingSecret(TestKeys.SIGNING_SECRET)
			.build());
		assertThatIllegalArgumentException().isThrownBy(() -> OctaviaClient.builder()
			.baseUrl(URI.create("http://localhost"))
			.apiKey(TestKeys.API_KEY)
			.signingSecret("octsig_tooShort")
			.build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OctaviaClient.builder().baseUrl(URI.create("/relative")).build());
	}

}
