package io.octavia.core.gateway;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaCoreApplication;
import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.TestHttp;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

import static io.octavia.core.gateway.GatewayProbeController.PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change made on one node empties the caches of every other node through the event
 * stream, long before their time to live would.
 */
@OctaviaIntegrationTest
class CacheInvalidationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TenantManagement tenants;

	@Autowired
	BrandManagement brands;

	@Autowired
	TransactionTemplate transactions;

	GatewayFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new GatewayFixtures(tenants, brands, transactions);
	}

	@Test
	void aSuspensionOnOneNodeReachesTheOtherNodesCachedTenant() {
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(OctaviaCoreApplication.class).run(
				"--server.port=0", "--octavia.roles=api",
				"--spring.modulith.events.republish-outstanding-events-on-restart=false",
				// without the event stream this node would serve its cached state for 10
				// minutes
				"--octavia.gateway.cache-ttl=10m", "--octavia.branding.cache.ttl=10m")) {
			awaitAssignment(second);
			TestHttp other = new TestHttp(((WebServerApplicationContext) second).getWebServer().getPort());
			TenantId tenant = fixtures.activeTenant();
			String credential = "tenant=" + tenant;
			assertThat(other.get(PATH, "x-test-credential", credential).statusCode())
				.as("cached as active on the second node")
				.isEqualTo(200);

			fixtures.asTenant(tenant, () -> tenants.suspend(tenant));

			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(
						() -> assertThat(other.get(PATH, "x-test-credential", credential).statusCode()).isEqualTo(403));
		}
	}

	private static void awaitAssignment(ConfigurableApplicationContext node) {
		MessageListenerContainer feed = node.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("octavia-cache-invalidation");
		assertThat(feed).isNotNull();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> feed.getAssignedPartitions() != null && !feed.getAssignedPartitions().isEmpty());
	}

}
