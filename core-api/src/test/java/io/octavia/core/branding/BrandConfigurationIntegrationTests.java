package io.octavia.core.branding;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;
import io.octavia.core.tenancy.UpdateTenant;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Brand configuration: every value resolved along brand → tenant (its default brand, then
 * its own name and language) → platform defaults, served from the cache yet fresh after
 * every change, and never handed to another tenant's scope.
 */
@OctaviaIntegrationTest
class BrandConfigurationIntegrationTests {

	@Autowired
	TenantManagement tenants;

	@Autowired
	BrandManagement brands;

	@Autowired
	CrossTenantAccess crossTenant;

	@Test
	void aBrandWithoutOwnValuesFallsBackToTheTenantThenThePlatform() {
		TenantId tenant = activeTenant("Fallback GmbH", "de");
		BrandDetails outlet = asTenant(tenant, () -> brands.create(new CreateBrand(tenant, "outlet", "Outlet")));

		BrandConfiguration configuration = asTenant(tenant, () -> brands.configuration(outlet.id()));
		assertThat(configuration.name()).isEqualTo("Outlet");
		assertThat(configuration.sender().fromName()).as("the tenant's name").isEqualTo("Fallback GmbH");
		assertThat(configuration.sender().fromEmail()).as("the platform's").isEqualTo("no-reply@octavia.local");
		assertThat(configuration.sender().smsSenderId()).isEqualTo("Octavia");
		assertThat(configuration.legal().legalName()).isEqualTo("Fallback GmbH");
		assertThat(configuration.support().email()).isNull();
		assertThat(configuration.defaultLocale()).as("the tenant's language").isEqualTo(Locale.GERMAN);
		assertThat(configuration.supportedLocales()).extracting(Locale::getLanguage)
			.containsExactly("en", "de", "fr", "es", "fa");
		assertThat(configuration.colors().primary()).isEqualTo(BrandManagement.DEFAULT_PRIMARY_COLOR);
		assertThat(configuration.colors().onPrimary()).isEqualTo(Contrast.WHITE);
		assertThat(configuration.colors().background()).isEqualTo("#ffffff");
		assertThat(configuration.colors().onBackground()).isEqualTo(Contrast.BLACK);
		assertThat(configuration.logoUrl()).isNull();

		// the tenant level: its default brand's values
		BrandDetails defaultBrand = asTenant(tenant, () -> brands.defaultBrand(tenant)).orElseThrow();
		asTenant(tenant,
				() -> brands.update(defaultBrand.id(),
						current -> new UpdateBrand(current.slug(), current.name(), current.hostnames(),
								current.primaryColor(), "#ffd700", current.backgroundColor(), null, List.of("de", "en"),
								new BrandSender(null, "hello@fallback.example", null, "FALLBACK"),
								new BrandLegal("Fallback Holding GmbH", "Allee 1, Berlin", "DE999"),
								new BrandSupport("support@fallback.example", null))));
		BrandConfiguration inherited = asTenant(tenant, () -> brands.configuration(outlet.id()));
		assertThat(inherited.sender().fromEmail()).isEqualTo("hello@fallback.example");
		assertThat(inherited.sender().fromName()).isEqualTo("Fallback GmbH");
		assertThat(inherited.sender().smsSenderId()).isEqualTo("FALLBACK");
		assertThat(inherited.legal()).isEqualTo(new BrandLegal("Fallback Holding GmbH", "Allee 1, Berlin", "DE999"));
		assertThat(inherited.support().email()).isEqualTo("support@fallback.example");
		assertThat(inherited.colors().accent()).isEqualTo("#ffd700");
		assertThat(inherited.colors().onAccent()).isEqualTo(Contrast.BLACK);
		assertThat(inherited.supportedLocales()).extracting(Locale::getLanguage).containsExactly("de", "en");

		// the brand's own values win
		asTenant(tenant,
				() -> brands.update(outlet.id(),
						current -> new UpdateBrand(current.slug(), current.name(), current.hostnames(), "#000080", null,
								null, "en", List.of(), new BrandSender("Outlet Team", null, null, null), null, null)));
		BrandConfiguration own = asTenant(tenant, () -> brands.configuration(outlet.id()));
		assertThat(own.sender().fromName()).isEqualTo("Outlet Team");
		assertThat(own.sender().fromEmail()).isEqualTo("hello@fallback.example");
		assertThat(own.defaultLocale()).isEqualTo(Locale.ENGLISH);
		assertThat(own.colors().primary()).isEqualTo("#000080");
		assertThat(own.colors().onPrimary()).isEqualTo(Contrast.WHITE);

		// and a change of the tenant reaches the cached configuration at once
		asTenant(tenant, () -> tenants.update(tenant, current -> new UpdateTenant("Renamed GmbH", "fr",
				current.timeZone(), current.defaultCurrency(), current.metadata())));
		BrandConfiguration renamed = asTenant(tenant, () -> brands.configuration(defaultBrand.id()));
		assertThat(renamed.sender().fromName()).isEqualTo("Renamed GmbH");
	}

	@Test
	void theDefaultLocaleIsAlwaysASupportedOne() {
		TenantId tenant = activeTenant("Persian Tenant", "fa");
		BrandDetails brand = asTenant(tenant, () -> brands.create(new CreateBrand(tenant, "europe", "Europe", null,
				null, null, null, null, List.of("fr", "es"), null, null, null)));
		BrandConfiguration configuration = asTenant(tenant, () -> brands.configuration(brand.id()));
		assertThat(configuration.defaultLocale()).as("fa is not supported by the brand").isEqualTo(Locale.FRENCH);
	}

	@Test
	void aCachedConfigurationIsNeverHandedToAnotherTenant() {
		TenantId a = activeTenant("Cache A", "en");
		TenantId b = activeTenant("Cache B", "en");
		BrandDetails brandOfA = asTenant(a, () -> brands.defaultBrand(a)).orElseThrow();
		assertThat(asTenant(a, () -> brands.configuration(brandOfA.id())).tenantId()).isEqualTo(a);

		DomainProblem problem = catchThrowableOfType(DomainProblem.class,
				() -> asTenant(b, () -> brands.configuration(brandOfA.id())));
		assertThat(problem.code()).isEqualTo("brand_not_found");
		assertThat(catchThrowableOfType(DomainProblem.class, () -> brands.configuration(brandOfA.id())).code())
			.as("without any scope")
			.isEqualTo("brand_not_found");
		assertThat(crossTenant.call("user:operator", "test: read a configuration",
				() -> brands.configuration(brandOfA.id()).name()))
			.isEqualTo("Cache A");
	}

	/** Also the measurement behind bench/brand-configuration.sh (see BENCHMARKS.md). */
	@Test
	void aCachedConfigurationCostsMicroseconds() {
		TenantId tenant = activeTenant("Fast", "en");
		BrandDetails brand = asTenant(tenant, () -> brands.defaultBrand(tenant)).orElseThrow();
		int calls = 100_000;
		long[] nanos = asTenant(tenant, () -> {
			long start = System.nanoTime();
			brands.configuration(brand.id());
			long resolved = System.nanoTime() - start;
			start = System.nanoTime();
			for (int i = 0; i < calls; i++) {
				brands.configuration(brand.id());
			}
			return new long[] { resolved, (System.nanoTime() - start) / calls };
		});
		System.out.printf("brand-configuration: first call (resolved from the database) %d µs, "
				+ "cached %d ns per call (average of %d)%n", nanos[0] / 1000, nanos[1], calls);
		// a query takes a millisecond or so; a generous bound for slow CI machines
		assertThat(Duration.ofNanos(nanos[1])).isLessThan(Duration.ofMillis(1).dividedBy(5));
	}

	private TenantId activeTenant(String name, String locale) {
		TenantId id = tenants.create(new CreateTenant(slug(), name, locale, "UTC", "EUR", Map.of())).id();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> asTenant(id, () -> tenants.find(id)).orElseThrow().status() == TenantStatus.ACTIVE);
		return id;
	}

	private static String slug() {
		return "conf-" + Long.toString(Ids.newId().getLeastSignificantBits() & Long.MAX_VALUE, 36);
	}

	private static <T> T asTenant(TenantId tenant, Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"), work::get);
	}

}
