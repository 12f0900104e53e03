package io.octavia.core.identity.internal;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.octavia.core.identity.DomainTxtLookup;
import io.octavia.core.identity.TestDnsServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDK's DNS client as domain verification uses it, against the test DNS server over
 * real UDP: records found, long records joined, unknown names empty, a silent server a
 * failure within the timeout.
 */
class JndiDomainTxtLookupTests {

	private final DomainTxtLookup dns = new JndiDomainTxtLookup(new IdentityProperties.DomainVerification(
			List.of(TestDnsServer.url()), Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofDays(7)));

	@Test
	void readsEveryTxtRecordOfAName() {
		TestDnsServer.publish("_octavia-challenge.lookup.example.com", "v=spf1 -all", "octavia-verification=abc");
		assertThat(dns.txtRecords("_octavia-challenge.lookup.example.com")).containsExactlyInAnyOrder("v=spf1-all",
				"octavia-verification=abc");
	}

	@Test
	void aRecordLongerThanOneStringIsReadWhole() {
		String value = "octavia-verification=" + "x".repeat(400);
		TestDnsServer.publish("_octavia-challenge.long.example.com", value);
		assertThat(dns.txtRecords("_octavia-challenge.long.example.com")).containsExactly(value);
	}

	@Test
	void anUnknownNameHasNoRecords() {
		assertThat(dns.txtRecords("_octavia-challenge.nobody-" + System.nanoTime() + ".example.com")).isEmpty();
	}

	@Test
	void aServerThatDoesNotAnswerFailsTheLookupInTime() throws Exception {
		try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			DomainTxtLookup unanswered = new JndiDomainTxtLookup(
					new IdentityProperties.DomainVerification(List.of("dns://127.0.0.1:" + silent.getLocalPort()),
							Duration.ofMillis(200), Duration.ofMinutes(10), Duration.ofDays(7)));
			long started = System.nanoTime();
			assertThatThrownBy(() -> unanswered.txtRecords("_octavia-challenge.silent.example.com"))
				.isInstanceOf(DomainTxtLookup.LookupFailed.class);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
	}

}
