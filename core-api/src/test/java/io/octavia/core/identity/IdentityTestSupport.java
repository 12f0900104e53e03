package io.octavia.core.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.api.ApiTestSupport;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.server.embedded.EmbeddedInfrastructure;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.awaitility.Awaitility.await;

/**
 * What the identity tests share: one application context whose identity clock the tests
 * move forward (expiries, locks, TOTP steps), mail read from the embedded SMTP server,
 * and a browser-like client for the account pages (session cookie, CSRF token).
 */
@OctaviaIntegrationTest
abstract class IdentityTestSupport {

	static final MovableClock clock = new MovableClock();

	@TestBean(name = "identityClock", methodName = "io.octavia.core.identity.IdentityTestSupport#movableClock")
	Clock identityClock;

	@Autowired
	IdentityManagement identity;

	@Autowired
	TenantManagement tenants;

	@LocalServerPort
	int port;

	static Clock movableClock() {
		return clock;
	}

	ApiTestSupport api() {
		return new ApiTestSupport(port, tenants);
	}

	static String email(String prefix) {
		return prefix + "-" + Ids.newId() + "@example.com";
	}

	/** A password no common-password list holds. */
	static String password() {
		return "pw-" + Ids.newId();
	}

	UserSummary user(String prefix, String password) {
		return identity.createUser(email(prefix), prefix, password);
	}

	void member(TenantId tenant, UserSummary user, TenantRole role) {
		TenantContext.run(TenantContext.Scope.tenant(tenant, "test"),
				() -> identity.addMember(tenant, user.id(), role));
	}

	static String caller(TenantId tenant, UserSummary user, String authorities) {
		return "tenant=" + tenant + ";user=" + user.id() + ";authorities=" + authorities;
	}

	/** The text of the one mail to {@code to}, once it arrived. */
	static String mailTo(String to) {
		await().atMost(Duration.ofSeconds(30)).until(() -> !mailsTo(to).isEmpty());
		List<MimeMessage> mails = mailsTo(to);
		try {
			return mails.getLast().getSubject() + "\n" + mails.getLast().getContent();
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<MimeMessage> mailsTo(String to) {
		GreenMail mail = EmbeddedInfrastructure.get().mailServer();
		return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
			try {
				return Arrays.stream(message.getAllRecipients()).anyMatch(address -> address.toString().equals(to));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** The token of the link in a mail. */
	static String token(String mail) {
		Matcher matcher = Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(mail);
		if (!matcher.find()) {
			throw new AssertionError("No link with a token in: " + mail);
		}
		return matcher.group(1);
	}

	/**
	 * A client like a browser: keeps the session cookie, sends forms with their CSRF
	 * token.
	 */
	final class Browser {

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();

		private String csrf = "";

		HttpResponse<String> get(String path) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
			Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(response.body());
			if (matcher.find()) {
				csrf = matcher.group(1);
			}
			return response;
		}

		HttpResponse<String> post(String path, Map<String, String> form) {
			String body = form.entrySet()
				.stream()
				.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&", "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&", ""));
			return send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + port + path);
		}

		private HttpResponse<String> send(HttpRequest.Builder request) {
			try {
				return client.send(request.header("Accept-Language", "en").build(),
						HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	/** The real time, plus however far a test moved it; never backwards. */
	static final class MovableClock extends Clock {

		private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

		void advance(Duration duration) {
			offset.updateAndGet(current -> current.plus(duration));
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(offset.get());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
