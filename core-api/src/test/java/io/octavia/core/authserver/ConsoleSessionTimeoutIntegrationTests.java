package io.octavia.core.authserver;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.PlatformRole;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console sign-in ends after the absolute session timeout however busy the session is
 * (here shortened to seconds).
 */
@OctaviaIntegrationTest(properties = "octavia.console.session-absolute-timeout=3s")
class ConsoleSessionTimeoutIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	IdentityManagement identity;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aSignInEndsAfterTheAbsoluteTimeoutEvenWhileInUse() throws Exception {
		AuthFixtures fixtures = new AuthFixtures(port, tenants, identity, clients, secrets, transactions);
		UserSummary operator = identity.createOperator("ops-" + UUID.randomUUID() + "@example.com", "Olga Operator",
				AuthFixtures.PASSWORD, Set.of(PlatformRole.PLATFORM_ADMIN));
		AuthFixtures.Browser browser = fixtures.browser();
		HttpResponse<String> response = browser.get("/admin");
		for (int hop = 0; hop < 3 && response.statusCode() == 302; hop++) {
			response = browser.get(response.headers().firstValue("Location").orElseThrow());
		}
		response = browser.signIn(operator.email(), AuthFixtures.PASSWORD);
		for (int hop = 0; hop < 6 && response.statusCode() == 302; hop++) {
			response = browser.get(response.headers().firstValue("Location").orElseThrow());
		}
		assertThat(response.statusCode()).isEqualTo(200);
		long signedIn = System.currentTimeMillis();
		while (System.currentTimeMillis() - signedIn < 2_000) {
			assertThat(browser.get("/admin").statusCode()).isEqualTo(200);
			Thread.sleep(500);
		}
		Thread.sleep(2_000);
		HttpResponse<String> expired = browser.get("/admin");
		assertThat(expired.statusCode()).isEqualTo(302);
		assertThat(expired.headers().firstValue("Location").orElseThrow())
			.endsWith("/oauth2/authorization/octavia-admin-console");
	}

}
