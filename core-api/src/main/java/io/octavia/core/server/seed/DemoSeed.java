package io.octavia.core.server.seed;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.CreateBrand;
import io.octavia.core.identity.IdentityManagement;
import io.octavia.core.identity.PlatformRole;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserSummary;
import io.octavia.core.platform.CrossTenantAccess;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Data to try the platform with: an operator account and a demo tenant with two brands
 * and an owner ({@value #OWNER_EMAIL}). On in development mode, off otherwise;
 * {@code octavia.seed.demo} decides explicitly. Idempotent, so it runs on every start
 * against a persistent database (and on several nodes at once): it creates only what is
 * missing and never changes what exists.
 */
@Component
@ConditionalOnExpression("${octavia.seed.demo:${octavia.embedded.active:false}}")
class DemoSeed {

	static final String OPERATOR_EMAIL = "admin@octavia.local";

	static final String OWNER_EMAIL = "owner@demo.local";

	static final String TENANT_SLUG = "demo";

	static final String LABS_SLUG = "demo-labs";

	static final String LABS_HOSTNAME = "labs.demo.localhost";

	private static final String ACTOR = "system:seed";

	private static final Logger log = LoggerFactory.getLogger(DemoSeed.class);

	/**
	 * @param demo whether to seed; read by the condition on this class, so the default
	 * (development mode) can apply
	 * @param operatorPassword the operator's password when it is created; random (and
	 * logged once) when absent
	 * @param ownerPassword the demo tenant owner's password when it is created; random
	 * (and logged once) when absent
	 */
	@ConfigurationProperties("octavia.seed")
	record SeedProperties(@Nullable Boolean demo, @Nullable String operatorPassword, @Nullable String ownerPassword) {
	}

	/**
	 * What the seed left in place; {@code password} and {@code ownerPassword} only when
	 * this run set them.
	 */
	record Seeded(UserSummary operator, @Nullable String password, TenantDetails tenant, List<BrandDetails> brands,
			UserSummary owner, @Nullable String ownerPassword) {
	}

	private final IdentityManagement identity;

	private final TenantManagement tenants;

	private final BrandManagement brands;

	private final CrossTenantAccess crossTenant;

	private final SeedProperties properties;

	DemoSeed(IdentityManagement identity, TenantManagement tenants, BrandManagement brands,
			CrossTenantAccess crossTenant, SeedProperties properties) {
		this.identity = identity;
		this.tenants = tenants;
		this.brands = brands;
		this.crossTenant = crossTenant;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		Seeded seeded = seed();
		String password = (seeded.password() != null) ? ((properties.operatorPassword() != null)
				? "(password from octavia.seed.operator-password)" : seeded.password())
				: "(password as logged when the account was created)";
		String brandList = seeded.brands()
			.stream()
			.map(brand -> brand.slug() + (brand.defaultBrand() ? " (default)" : "")
					+ (brand.hostnames().isEmpty() ? "" : " " + brand.hostnames()))
			.collect(Collectors.joining(", "));
		String ownerPassword = (seeded.ownerPassword() != null) ? ((properties.ownerPassword() != null)
				? "(password from octavia.seed.owner-password)" : seeded.ownerPassword())
				: "(password as logged when the account was created)";
		log.info("""

				  Seed data: operator {} / {}, tenant {} ({}) with brands {}, owned by {} / {}
				""", seeded.operator().email(), password, seeded.tenant().slug(), seeded.tenant().id(),
				brandList.isEmpty() ? "(default brand still provisioning)" : brandList, seeded.owner().email(),
				ownerPassword);
	}

	Seeded seed() {
		String password = null;
		UserSummary operator = identity.findByEmail(OPERATOR_EMAIL).orElse(null);
		if (operator == null) {
			password = (properties.operatorPassword() != null) ? properties.operatorPassword() : randomPassword();
			try {
				operator = identity.createOperator(OPERATOR_EMAIL, "Octavia Admin", password,
						EnumSet.of(PlatformRole.PLATFORM_ADMIN));
			}
			catch (DomainProblem problem) {
				// another node seeded it first: keep theirs
				if (!problem.code().equals("user_email_taken")) {
					throw problem;
				}
				operator = identity.findByEmail(OPERATOR_EMAIL).orElseThrow(() -> problem);
				password = null;
			}
		}
		TenantDetails tenant = demoTenant();
		List<BrandDetails> seededBrands = TenantContext.call(TenantContext.Scope.tenant(tenant.id(), ACTOR), () -> {
			awaitDefaultBrand(tenant);
			if (brands.list(tenant.id()).stream().noneMatch(brand -> brand.slug().equals(LABS_SLUG))) {
				createLabsBrand(tenant);
			}
			return brands.list(tenant.id());
		});
		String ownerPassword = null;
		UserSummary owner = identity.findByEmail(OWNER_EMAIL).orElse(null);
		if (owner == null) {
			ownerPassword = (properties.ownerPassword() != null) ? properties.ownerPassword() : randomPassword();
			try {
				owner = identity.createUser(OWNER_EMAIL, "Demo Owner", ownerPassword);
			}
			catch (DomainProblem problem) {
				// another node seeded it first: keep theirs
				if (!problem.code().equals("user_email_taken")) {
					throw problem;
				}
				owner = identity.findByEmail(OWNER_EMAIL).orElseThrow(() -> problem);
				ownerPassword = null;
			}
		}
		UserSummary demoOwner = owner;
		TenantContext.run(TenantContext.Scope.tenant(tenant.id(), ACTOR), () -> {
			if (identity.membership(tenant.id(), demoOwner.id()).isEmpty()) {
				try {
					identity.addMember(tenant.id(), demoOwner.id(), TenantRole.OWNER);
				}
				catch (DomainProblem problem) {
					// added concurrently by another node
					if (!problem.code().equals("membership_exists")) {
						throw problem;
					}
				}
			}
		});
		return new Seeded(operator, password, tenant, seededBrands, owner, ownerPassword);
	}

	private TenantDetails demoTenant() {
		Optional<TenantDetails> existing = findDemoTenant();
		if (existing.isPresent()) {
			return existing.get();
		}
		try {
			return tenants.create(new CreateTenant(TENANT_SLUG, "Demo Company", "en", "Europe/Berlin", "EUR", null));
		}
		catch (DomainProblem problem) {
			if (problem.code().equals("tenant_slug_taken")) {
				return findDemoTenant().orElseThrow(() -> problem);
			}
			throw problem;
		}
	}

	// a slug is looked up among all tenants: operator work, so through the audited path
	private Optional<TenantDetails> findDemoTenant() {
		return crossTenant.call(ACTOR, "demo seed: find the demo tenant by its slug",
				() -> tenants.findBySlug(TENANT_SLUG));
	}

	/**
	 * Provisioning creates the default brand after the tenant's transaction commits; wait
	 * for it, so it comes first and the log names it.
	 */
	private void awaitDefaultBrand(TenantDetails tenant) {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (brands.defaultBrand(tenant.id()).isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void createLabsBrand(TenantDetails tenant) {
		try {
			brands.create(new CreateBrand(tenant.id(), LABS_SLUG, "Demo Labs", List.of(LABS_HOSTNAME), null));
		}
		catch (DomainProblem problem) {
			// created concurrently by another node, or its hostname is in use elsewhere
			if (problem.kind() != DomainProblem.Kind.CONFLICT) {
				throw problem;
			}
			log.warn("Seed data: brand {} not created ({})", LABS_SLUG, problem.code());
		}
	}

	private static String randomPassword() {
		// no look-alikes (0/O, 1/l/I), so it can be typed from the log
		String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return password.toString();
	}

}
