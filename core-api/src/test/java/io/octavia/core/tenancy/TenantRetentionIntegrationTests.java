package io.octavia.core.tenancy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.CreateBrand;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.server.events.KafkaProbe;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The retention purge with a one-second retention and a fast job: a closed tenant becomes
 * a scrubbed tombstone, every brand, hostname and logo of it is deleted, its hostnames
 * are free for others, and tenant.purged reaches Kafka; tenants that are not closed, or
 * closed too recently, keep everything. The context is closed after the class, so its
 * fast job cannot purge what other test classes close.
 */
@OctaviaIntegrationTest(properties = { "octavia.tenancy.retention=1s", "octavia.tenancy.purge.interval=300ms" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TenantRetentionIntegrationTests {

	@Autowired
	TenantManagement tenants;

	@Autowired
	BrandManagement brands;

	@Autowired
	CrossTenantAccess crossTenant;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Test
	void aClosedTenantIsPurgedAfterItsRetentionPeriod() {
		TenantId closed = activeTenant("Closing Soon");
		TenantId open = activeTenant("Staying");
		String hostname = "shop-" + Ids.newId().toString().substring(24) + ".example.com";
		BrandDetails shop = asTenant(closed,
				() -> brands.create(new CreateBrand(closed, "shop", "Shop", List.of(hostname), null)));
		asTenant(closed,
				() -> brands.putLogo(shop.id(),
						"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>"
							.getBytes(StandardCharsets.UTF_8)));
		asTenant(open, () -> brands.create(new CreateBrand(open, "kept", "Kept")));

		operator(() -> tenants.close(closed));

		TenantDetails purged = await().atMost(Duration.ofSeconds(30))
			.until(() -> operator(() -> tenants.find(closed)).orElseThrow(), t -> t.status() == TenantStatus.PURGED);
		assertThat(purged.name()).as("scrubbed").isEqualTo(purged.slug());
		assertThat(purged.metadata()).isEmpty();
		assertThat(purged.closedAt()).isNotNull();

		await().atMost(Duration.ofSeconds(30)).until(() -> rows("brand", closed) == 0);
		assertThat(rows("brand_hostname", closed)).isZero();
		assertThat(rows("brand_logo", closed)).isZero();
		assertThat(brands.publicLogo(shop.id())).isEmpty();
		assertThat(rows("brand", open)).as("other tenants keep their brands").isEqualTo(2);
		assertThat(operator(() -> tenants.find(open)).orElseThrow().status()).isEqualTo(TenantStatus.ACTIVE);

		TenantId next = activeTenant("Next Owner");
		assertThat(asTenant(next, () -> brands.create(new CreateBrand(next, "shop", "Shop", List.of(hostname), null)))
			.hostnames()).as("the hostname is free again").containsExactly(hostname);

		try (KafkaProbe kafka = new KafkaProbe(bootstrapServers, TenantCreated.TOPIC)) {
			List<ConsumerRecord<String, String>> records = kafka.await(
					r -> closed.toString().equals(r.key()) && "tenant.purged".equals(KafkaProbe.header(r, "ce_type")),
					1, Duration.ofSeconds(30));
			assertThat(records).singleElement()
				.satisfies(record -> assertThat(record.value()).contains("\"purgedAt\"", "\"closedAt\""));
		}
	}

	@Test
	void aRecentlyClosedTenantIsKeptUntilItsRetentionEnds() {
		TenantId tenant = activeTenant("Just Closed");
		TenantDetails closed = operator(() -> tenants.close(tenant));
		assertThat(closed.status()).isEqualTo(TenantStatus.CLOSED);
		// the job runs every 300 ms, yet purges only once the second of retention is over
		await().atMost(Duration.ofSeconds(30))
			.until(() -> operator(() -> tenants.find(tenant)).orElseThrow().status() == TenantStatus.PURGED);
		TenantDetails purged = operator(() -> tenants.find(tenant)).orElseThrow();
		assertThat(Duration.between(closed.closedAt(), purged.updatedAt()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	private TenantId activeTenant(String name) {
		TenantId id = tenants
			.create(new CreateTenant("ret-" + Long.toString(Ids.newId().getLeastSignificantBits() & Long.MAX_VALUE, 36),
					name, "en", "UTC", "EUR", Map.of("crm", "42")))
			.id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> asTenant(id, () -> tenants.find(id)).orElseThrow().status() == TenantStatus.ACTIVE);
		return id;
	}

	private int rows(String table, TenantId tenant) {
		Integer count = operator(() -> transactions.execute(status -> jdbc
			.queryForObject("SELECT count(*) FROM " + table + " WHERE tenant_id = ?", Integer.class, tenant.value())));
		return (count != null) ? count : -1;
	}

	private <T> T operator(Supplier<T> work) {
		return crossTenant.call("user:operator", "test: retention purge", work);
	}

	private static <T> T asTenant(TenantId tenant, Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), work::get);
	}

}
