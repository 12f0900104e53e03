package io.octavia.core.gateway;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HeaderFirewallTests {

	/** Spring Security's default rule for header names and values. */
	private static final Pattern DEFAULT_RULE = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	@Test
	void acceptsExactlyWhatTheDefaultRegularExpressionAcceptsForEveryCodePoint() {
		int disagreements = 0;
		int refused = 0;
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = "a" + Character.toString(codePoint) + "b";
			boolean expected = DEFAULT_RULE.matcher(text).matches();
			if (HeaderFirewall.assignedAndNotControl(text) != expected) {
				disagreements++;
			}
			if (!expected) {
				refused++;
			}
		}
		assertThat(disagreements).isZero();
		// control characters and unassigned code points exist: the comparison was not
		// vacuous
		assertThat(refused).isGreaterThan(65 + 1000);
	}

	@Test
	void agreesWithTheDefaultOnSurrogatesAndTypicalHeaders() {
		List<String> samples = List.of("", "sig1=(\"@method\" \"@authority\");created=1618884473;keyid=\"k\"",
				"Bearer oct_live_abc", "caf\u00e9", "\ud83d\ude00", "\ud83d", "x\ude00y", "\ud83d\ud83d", "tab\there",
				"bell\u0007", "del\u007f", "nel\u0085", "\u0378 unassigned", "\ufffe", "\u00a0nbsp");
		for (String sample : samples) {
			assertThat(HeaderFirewall.assignedAndNotControl(sample)).as(sample)
				.isEqualTo(DEFAULT_RULE.matcher(sample).matches());
		}
	}

	@Test
	void theFirewallRefusesAControlCharacterInAHeaderWhenItIsRead() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/meta");
		request.addHeader("Signature", "sig1=:abc\u0007:");
		request.addHeader("Accept", "application/json");
		var firewalled = new HeaderFirewall().httpFirewall().getFirewalledRequest(request);
		assertThat(firewalled.getHeader("Accept")).isEqualTo("application/json");
		assertThatExceptionOfType(RequestRejectedException.class).isThrownBy(() -> firewalled.getHeader("Signature"));
	}

}
