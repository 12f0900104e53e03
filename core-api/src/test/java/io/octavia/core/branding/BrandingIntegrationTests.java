package io.octavia.core.branding;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.platform.DataConstraints;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.server.events.KafkaProbe;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Brands against the real database: provisioning of the default brand, the database's
 * uniqueness rules (one default per tenant, hostnames across all tenants) and tenant
 * isolation.
 */
@OctaviaIntegrationTest
class BrandingIntegrationTests {

	@Autowired
	TenantManagement tenants;

	@Autowired
	BrandManagement brands;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Test
	void creatingATenantProvisionsItsDefaultBrandAndActivatesIt() {
		TenantDetails tenant = tenants
			.create(new CreateTenant(slug("prov"), "Provisioned AG", "de", "Europe/Berlin", "EUR"));
		TenantId id = tenant.id();

		BrandDetails brand = await().atMost(Duration.ofSeconds(20))
			.until(() -> asTenant(id, () -> brands.defaultBrand(id)), java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(brand.defaultBrand()).isTrue();
		assertThat(brand.name()).isEqualTo("Provisioned AG");
		assertThat(brand.slug()).isEqualTo(tenant.slug());
		assertThat(brand.tenantId()).isEqualTo(id);
		assertThat(brand.primaryColor()).isEqualTo(BrandManagement.DEFAULT_PRIMARY_COLOR);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> asTenant(id, () -> tenants.find(id)).orElseThrow().status() == TenantStatus.ACTIVE);
		assertThat(asTenant(id, () -> brands.list(id))).singleElement().isEqualTo(brand);

		try (KafkaProbe kafka = new KafkaProbe(bootstrapServers, BrandCreated.TOPIC)) {
			List<ConsumerRecord<String, String>> records = kafka.await(r -> id.toString().equals(r.key()), 1,
					Duration.ofSeconds(30));
			assertThat(records).singleElement().satisfies(record -> {
				assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo("brand.created");
				assertThat(record.value()).contains(brand.id().toString());
			});
		}
	}

	@Test
	void addsBrandsWithNormalizedHostnames() {
		TenantId tenant = activeTenant();
		BrandDetails brand = asTenant(tenant, () -> brands.create(new CreateBrand(tenant, "shop", "Shop",
				List.of("Shop.Example.COM.", "shop.example.com", "bücher.example"), "#AABBCC")));
		assertThat(brand.defaultBrand()).isFalse();
		assertThat(brand.hostnames()).containsExactly("shop.example.com", "xn--bcher-kva.example");
		assertThat(brand.primaryColor()).isEqualTo("#aabbcc");
		assertThat(asTenant(tenant, () -> brands.find(brand.id()))).contains(brand);
		assertThat(asTenant(tenant, () -> brands.list(tenant))).hasSize(2);
	}

	@Test
	void aSlugIsUniqueWithinATenantOnly() {
		TenantId a = activeTenant();
		TenantId b = activeTenant();
		asTenant(a, () -> brands.create(new CreateBrand(a, "outlet", "Outlet")));
		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> asTenant(a, () -> brands.create(new CreateBrand(a, "outlet", "Outlet again"))));
		assertThat(problem.code()).isEqualTo("brand_slug_taken");
		assertThat(problem.kind()).isEqualTo(DomainProblem.Kind.CONFLICT);
		assertThat(asTenant(b, () -> brands.create(new CreateBrand(b, "outlet", "Outlet of B"))).slug())
			.isEqualTo("outlet");
	}

	@Test
	void aHostnameBelongsToOneBrandAcrossAllTenants() {
		TenantId a = activeTenant();
		TenantId b = activeTenant();
		String hostname = slug("www") + ".example.org";
		asTenant(a, () -> brands.create(new CreateBrand(a, "web", "Web", List.of(hostname), null)));

		DomainProblem problem = catchThrowableOfType(DomainProblem.class, () -> asTenant(b,
				() -> brands.create(new CreateBrand(b, "web", "Web of B", List.of(hostname.toUpperCase()), null))));
		assertThat(problem.code()).isEqualTo("brand_hostname_taken");
		assertThat(problem.kind()).isEqualTo(DomainProblem.Kind.CONFLICT);
		assertThat(asTenant(b, () -> brands.list(b))).extracting(BrandDetails::slug).doesNotContain("web");

		DomainProblem sameTenant = catchThrowableOfType(DomainProblem.class, () -> asTenant(a,
				() -> brands.create(new CreateBrand(a, "web-two", "Web two", List.of(hostname), null))));
		assertThat(sameTenant.code()).isEqualTo("brand_hostname_taken");
	}

	@Test
	void theDatabaseAllowsOneDefaultBrandPerTenant() {
		TenantId tenant = activeTenant();
		assertThatThrownBy(() -> asTenant(tenant, () -> jdbc.update("""
				INSERT INTO brand (brand_id, tenant_id, slug, name, is_default, primary_color)
				VALUES (?, ?, 'second-default', 'Second default', true, '#000000')""", Ids.newId(), tenant.value())))
			.isInstanceOf(DataIntegrityViolationException.class)
			.satisfies(ex -> assertThat(DataConstraints.violated(ex)).contains("brand_one_default_per_tenant"));
		assertThat(asTenant(tenant, () -> brands.list(tenant))).filteredOn(BrandDetails::defaultBrand).hasSize(1);
	}

	@Test
	void aHostnameRowCannotPointAtABrandOfAnotherTenant() {
		TenantId a = activeTenant();
		TenantId b = activeTenant();
		BrandDetails brandOfA = asTenant(a, () -> brands.defaultBrand(a)).orElseThrow();
		assertThatThrownBy(() -> asTenant(b,
				() -> jdbc.update("INSERT INTO brand_hostname (hostname, tenant_id, brand_id) VALUES (?, ?, ?)",
						slug("forged") + ".example.net", b.value(), brandOfA.id().value())))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void invalidInputIsReportedPerField() {
		TenantId tenant = activeTenant();
		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> asTenant(tenant, () -> brands.create(new CreateBrand(tenant, "No Slug", "",
						List.of("ok.example.com", "not a host", "-bad.example.com", "nodot"), "red"))));
		assertThat(problem.code()).isEqualTo("validation_failed");
		Map<String, String> fields = new HashMap<>();
		problem.fields().forEach(field -> fields.put(field.field(), field.messageKey()));
		assertThat(fields)
			.containsExactlyInAnyOrderEntriesOf(Map.of("slug", "api.field.slug", "name", "api.field.required",
					"primaryColor", "api.field.brand.primary_color", "hostnames[1]", "api.field.brand.hostname",
					"hostnames[2]", "api.field.brand.hostname", "hostnames[3]", "api.field.brand.hostname"));
	}

	@Test
	void anotherTenantsScopeSeesNoneOfATenantsBrands() {
		TenantId a = activeTenant();
		TenantId b = activeTenant();
		String hostname = slug("private") + ".example.org";
		BrandDetails brandOfA = asTenant(a,
				() -> brands.create(new CreateBrand(a, "private", "Private", List.of(hostname), null)));

		assertThat(asTenant(b, () -> brands.list(a))).isEmpty();
		assertThat(asTenant(b, () -> brands.find(brandOfA.id()))).isEmpty();
		assertThat(asTenant(b, () -> brands.defaultBrand(a))).isEmpty();
		assertThat(brands.list(a)).as("without any scope").isEmpty();
		assertThat(asTenant(b, () -> jdbc.queryForObject("SELECT count(*) FROM brand_hostname WHERE hostname = ?",
				Integer.class, hostname)))
			.isZero();
		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> asTenant(b, () -> brands.create(new CreateBrand(a, "intruder", "Intruder"))));
		assertThat(problem.code()).isEqualTo("tenant_not_found");
		assertThat(asTenant(a, () -> brands.list(a))).extracting(BrandDetails::slug).doesNotContain("intruder");
	}

	private TenantId activeTenant() {
		TenantId id = tenants.create(new CreateTenant(slug("brand"), "Brand Tenant", "en", "UTC", "USD")).id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> asTenant(id, () -> tenants.find(id)).orElseThrow().status() == TenantStatus.ACTIVE);
		return id;
	}

	private static String slug(String prefix) {
		return prefix + "-" + Long.toString(Ids.newId().getLeastSignificantBits() & Long.MAX_VALUE, 36);
	}

	private <T> T asTenant(TenantId tenant, Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> transactions.execute(status -> work.get()));
	}

}
