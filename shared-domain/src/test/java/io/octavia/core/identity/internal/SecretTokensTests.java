package io.octavia.core.identity.internal;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretTokensTests {

	@Test
	void tokensCarry256RandomBitsAndHashTo32Bytes() {
		Set<String> tokens = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String token = SecretTokens.newToken();
			assertThat(token).matches("[A-Za-z0-9_-]{43}");
			tokens.add(token);
		}
		assertThat(tokens).hasSize(1000);
		String token = SecretTokens.newToken();
		assertThat(SecretTokens.hash(token)).hasSize(32).isEqualTo(SecretTokens.hash(token));
	}

}
