package io.octavia.core.server.seed;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo seed is on in development mode (the tests' embedded infrastructure) and
 * idempotent: it already ran at start-up, and running it again changes nothing.
 */
@OctaviaIntegrationTest
class DemoSeedIntegrationTests {

	@Autowired
	DemoSeed seed;

	@Autowired
	TenantManagement tenants;

	@Autowired
	CrossTenantAccess crossTenant;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void seedsAnOperatorAndADemoTenantWithTwoBrandsOnce() {
		DemoSeed.Seeded first = seed.seed();
		DemoSeed.Seeded second = seed.seed();

		assertThat(second.operator()).isEqualTo(first.operator());
		assertThat(first.password()).as("the operator existed since start-up").isNull();
		assertThat(second.tenant().id()).isEqualTo(first.tenant().id());
		assertThat(second.brands()).isEqualTo(first.brands());

		assertThat(first.tenant().slug()).isEqualTo("demo");
		assertThat(first.tenant().name()).isEqualTo("Demo Company");
		assertThat(first.tenant().defaultCurrency().getCurrencyCode()).isEqualTo("EUR");
		assertThat(first.tenant().timeZone().getId()).isEqualTo("Europe/Berlin");
		assertThat(first.brands()).extracting(BrandDetails::slug).containsExactly("demo", "demo-labs");
		assertThat(first.brands()).filteredOn(BrandDetails::defaultBrand)
			.singleElement()
			.extracting(BrandDetails::name)
			.isEqualTo("Demo Company");
		assertThat(first.brands().get(1).hostnames()).containsExactly("labs.demo.localhost");
		assertThat(first.operator().email()).isEqualTo("admin@octavia.local");

		assertThat(jdbc.queryForObject("SELECT count(*) FROM user_account WHERE email = 'admin@octavia.local'",
				Integer.class))
			.isOne();
		List<Integer> counts = crossTenant.call("test", "test: count demo tenants and brands",
				() -> transactions.execute(status -> jdbc.queryForList(
						"SELECT count(*) FROM tenant WHERE slug = 'demo' UNION ALL "
								+ "SELECT count(*) FROM brand b JOIN tenant t USING (tenant_id) WHERE t.slug = 'demo'",
						Integer.class)));
		assertThat(counts).containsExactly(1, 2);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> TenantContext.call(TenantContext.Scope.tenant(first.tenant().id(), "test"),
					() -> tenants.find(first.tenant().id()).orElseThrow().status()) == TenantStatus.ACTIVE);
	}

}
