package io.octavia.core.gateway;

import org.junit.jupiter.api.Test;

import io.octavia.core.apikeys.ApiKeyFormat;
import io.octavia.core.apikeys.ApiKeyMode;
import io.octavia.core.platform.DomainProblem;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A malformed key is refused before any lookup: the authenticator has no cache, database
 * or Redis here at all, and still answers.
 */
class ApiKeyAuthenticatorTests {

	private final ApiKeyAuthenticator offline = new ApiKeyAuthenticator(null, null, null);

	@Test
	void aWrongChecksumIsRefusedWithoutAnyLookup() {
		String key = ApiKeyFormat.newKey(ApiKeyMode.LIVE);
		String typo = key.substring(0, key.length() - 1) + (key.endsWith("0") ? "1" : "0");
		for (String presented : new String[] { typo, "oct_live_short", "oct_" + "x".repeat(60) }) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/whoami");
			request.addHeader("Authorization", "Bearer " + presented);
			assertThatThrownBy(() -> offline.authenticate(request)).isInstanceOf(DomainProblem.class)
				.extracting("code")
				.isEqualTo("api_key_invalid");
		}
	}

	@Test
	void otherCredentialsAreLeftToOtherAuthenticators() {
		MockHttpServletRequest jwt = new MockHttpServletRequest("GET", "/api/v1/whoami");
		jwt.addHeader("Authorization", "Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig");
		assertThat(offline.authenticate(jwt)).isEmpty();
		assertThat(offline.authenticate(new MockHttpServletRequest("GET", "/api/v1/whoami"))).isEmpty();
	}

}
