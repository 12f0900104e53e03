package io.octavia.core.branding.internal;

import java.util.List;
import java.util.Optional;

import io.octavia.core.branding.BrandDetails;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DataConstraints;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The branding module's access to its aggregate, for the public
 * {@link io.octavia.core.branding.BrandManagement} and provisioning. Uniqueness (slug per
 * tenant, hostname across the platform, one default per tenant) is decided by the
 * database's constraints.
 */
@Component
@Transactional
public class Brands {

	private final BrandRepository repository;

	Brands(BrandRepository repository) {
		this.repository = repository;
	}

	public BrandDetails create(BrandId id, TenantId tenantId, String slug, String name, List<String> hostnames,
			String primaryColor, boolean defaultBrand) {
		Brand brand = new Brand(id, tenantId, slug, name, hostnames, primaryColor, defaultBrand);
		try {
			return details(repository.saveAndFlush(brand));
		}
		catch (DataIntegrityViolationException ex) {
			String constraint = DataConstraints.violated(ex).orElseThrow(() -> ex);
			throw switch (constraint) {
				case "brand_slug_key" -> new DomainProblem(DomainProblem.Kind.CONFLICT, "brand_slug_taken", slug);
				// the database does not say which hostname of another tenant it was:
				// row-level security hides the conflicting row
				case "brand_hostname_pkey" -> new DomainProblem(DomainProblem.Kind.CONFLICT, "brand_hostname_taken",
						String.join(", ", hostnames));
				case "brand_one_default_per_tenant" ->
					new DomainProblem(DomainProblem.Kind.CONFLICT, "brand_default_exists");
				default -> ex;
			};
		}
	}

	@Transactional(readOnly = true)
	public List<BrandDetails> list(TenantId tenantId) {
		return repository.findByTenantIdOrderByDefaultBrandDescCreatedAt(tenantId.value())
			.stream()
			.map(Brands::details)
			.toList();
	}

	@Transactional(readOnly = true)
	public Optional<BrandDetails> find(BrandId id) {
		return repository.findById(id.value()).map(Brands::details);
	}

	@Transactional(readOnly = true)
	public Optional<BrandDetails> defaultBrand(TenantId tenantId) {
		return repository.findByTenantIdAndDefaultBrandTrue(tenantId.value()).map(Brands::details);
	}

	private static BrandDetails details(Brand brand) {
		return new BrandDetails(brand.id(), brand.tenantId(), brand.slug(), brand.name(), brand.isDefault(),
				brand.hostnames(), brand.primaryColor(), brand.createdAt(), brand.updatedAt());
	}

}
