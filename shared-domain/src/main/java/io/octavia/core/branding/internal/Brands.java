package io.octavia.core.branding.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandDeleted;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandLogo;
import io.octavia.core.branding.BrandLogoDetails;
import io.octavia.core.branding.UpdateBrand;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DataConstraints;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The branding module's access to its aggregate and logos, for the public
 * {@link io.octavia.core.branding.BrandManagement}, provisioning and the retention purge.
 * Uniqueness (slug per tenant, hostname across the platform, one default per tenant) is
 * decided by the database's constraints.
 */
@Component
@Transactional
public class Brands {

	private final BrandRepository repository;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	Brands(BrandRepository repository, JdbcClient jdbc, ApplicationEventPublisher events) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * @param attributes validated and normalized
	 */
	public BrandDetails create(BrandId id, TenantId tenantId, UpdateBrand attributes, boolean defaultBrand) {
		Brand brand = new Brand(id, tenantId, attributes, defaultBrand);
		try {
			return details(repository.saveAndFlush(brand));
		}
		catch (DataIntegrityViolationException ex) {
			throw conflict(ex, attributes);
		}
	}

	@Transactional(readOnly = true)
	public List<BrandDetails> list(TenantId tenantId) {
		List<Brand> brands = repository.findByTenantIdOrderByDefaultBrandDescCreatedAt(tenantId.value());
		Map<UUID, BrandLogoDetails> logos = logos(tenantId, brands.stream().map(brand -> brand.id().value()).toList());
		return brands.stream().map(brand -> details(brand, logos.get(brand.id().value()))).toList();
	}

	@Transactional(readOnly = true)
	public Optional<BrandDetails> find(BrandId id) {
		return repository.findById(id.value()).map(this::details);
	}

	@Transactional(readOnly = true)
	public Optional<BrandDetails> defaultBrand(TenantId tenantId) {
		return repository.findByTenantIdAndDefaultBrandTrue(tenantId.value()).map(this::details);
	}

	/** The brand, its row locked until the transaction ends. */
	public Optional<BrandDetails> lock(BrandId id) {
		return repository.findForUpdate(id.value()).map(this::details);
	}

	/**
	 * @param attributes validated and normalized
	 */
	public BrandDetails update(BrandId id, UpdateBrand attributes) {
		Brand brand = repository.findForUpdate(id.value()).orElseThrow(() -> notFound(id));
		brand.update(attributes);
		try {
			return details(repository.saveAndFlush(brand));
		}
		catch (DataIntegrityViolationException ex) {
			throw conflict(ex, attributes);
		}
	}

	/**
	 * Makes a brand its tenant's default; the previous default stops being one in the
	 * same transaction. Every brand of the tenant is locked first, in one order, so
	 * concurrent moves apply one after the other and each sees the other's result.
	 */
	public BrandDetails makeDefault(BrandId id) {
		UUID tenantId = repository.findTenantIdById(id.value()).orElseThrow(() -> notFound(id));
		List<Brand> brands = repository.findAllOfTenantForUpdate(tenantId);
		Brand target = brands.stream()
			.filter(brand -> brand.id().equals(id))
			.findFirst()
			.orElseThrow(() -> notFound(id));
		if (target.isDefault()) {
			return details(target);
		}
		// the old default must be gone before the new one arrives: the unique index
		// allows one per tenant at every moment
		brands.stream().filter(Brand::isDefault).forEach(current -> {
			current.unmakeDefault();
			repository.saveAndFlush(current);
		});
		target.makeDefault();
		return details(repository.saveAndFlush(target));
	}

	/**
	 * Deletes a brand, its hostnames and its logo.
	 * @throws DomainProblem {@code brand_not_found}, or {@code brand_default_delete} for
	 * the default brand
	 */
	public void delete(BrandId id) {
		Brand brand = repository.findForUpdate(id.value()).orElseThrow(() -> notFound(id));
		if (brand.isDefault()) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "brand_default_delete", brand.slug());
		}
		repository.delete(brand);
		repository.flush();
		events.publishEvent(
				new BrandDeleted(EventMetadata.capture(brand.tenantId()), id, brand.tenantId(), brand.slug()));
	}

	/**
	 * Stores a brand's logo (checked and sanitised by the caller), replacing any previous
	 * one.
	 */
	public BrandLogoDetails putLogo(BrandId id, String contentType, byte[] bytes, String sha256) {
		Brand brand = repository.findForUpdate(id.value()).orElseThrow(() -> notFound(id));
		jdbc.sql("""
				INSERT INTO brand_logo (tenant_id, brand_id, content_type, bytes, sha256, updated_at)
				VALUES (:tenant, :brand, :type, :bytes, :sha256, now())
				ON CONFLICT (tenant_id, brand_id) DO UPDATE
				SET content_type = excluded.content_type, bytes = excluded.bytes, sha256 = excluded.sha256,
				    updated_at = excluded.updated_at""")
			.param("tenant", brand.tenantId().value())
			.param("brand", id.value())
			.param("type", contentType)
			.param("bytes", bytes)
			.param("sha256", sha256)
			.update();
		brand.logoChanged();
		repository.save(brand);
		return logos(brand.tenantId(), List.of(id.value())).get(id.value());
	}

	/** The logo of a brand the current scope may see. */
	@Transactional(readOnly = true)
	public Optional<BrandLogo> logo(BrandId id) {
		return jdbc.sql("SELECT content_type, bytes, sha256, updated_at FROM brand_logo WHERE brand_id = ?")
			.param(id.value())
			.query(Brands::logo)
			.optional();
	}

	/**
	 * The logo of any brand, for the public asset route: through the database function
	 * that answers for one brand's logo and nothing else, without a tenant scope.
	 */
	@Transactional(readOnly = true)
	public Optional<BrandLogo> publicLogo(BrandId id) {
		return jdbc.sql("SELECT content_type, bytes, sha256, updated_at FROM octavia_public_brand_logo(?)")
			.param(id.value())
			.query(Brands::logo)
			.optional();
	}

	/**
	 * Deletes every brand of a tenant with hostnames and logos; run in the tenant's scope
	 * when it is purged. Idempotent.
	 * @return brands deleted
	 */
	public int deleteAllOf(TenantId tenantId) {
		jdbc.sql("DELETE FROM brand_logo WHERE tenant_id = ?").param(tenantId.value()).update();
		jdbc.sql("DELETE FROM brand_hostname WHERE tenant_id = ?").param(tenantId.value()).update();
		return jdbc.sql("DELETE FROM brand WHERE tenant_id = ?").param(tenantId.value()).update();
	}

	private static BrandLogo logo(ResultSet rs, int row) throws SQLException {
		return new BrandLogo(rs.getString(1), rs.getBytes(2), rs.getString(3),
				rs.getObject(4, OffsetDateTime.class).toInstant());
	}

	private Map<UUID, BrandLogoDetails> logos(TenantId tenantId, Collection<UUID> brandIds) {
		if (brandIds.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("""
				SELECT brand_id, content_type, sha256, octet_length(bytes), updated_at FROM brand_logo
				WHERE tenant_id = :tenant AND brand_id = ANY (:brands)""")
			.param("tenant", tenantId.value())
			.param("brands", brandIds.toArray(UUID[]::new))
			.query((rs, row) -> Map.entry(rs.getObject(1, UUID.class),
					new BrandLogoDetails(rs.getString(2), rs.getString(3), rs.getInt(4),
							rs.getObject(5, OffsetDateTime.class).toInstant())))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private BrandDetails details(Brand brand) {
		return details(brand, logos(brand.tenantId(), List.of(brand.id().value())).get(brand.id().value()));
	}

	private static BrandDetails details(Brand brand, @Nullable BrandLogoDetails logo) {
		return new BrandDetails(brand.id(), brand.tenantId(), brand.slug(), brand.name(), brand.isDefault(),
				brand.hostnames(), brand.primaryColor(), brand.createdAt(), brand.updatedAt(), brand.accentColor(),
				brand.backgroundColor(), brand.defaultLocale(), brand.supportedLocales(), brand.sender(), brand.legal(),
				brand.support(), logo);
	}

	private static RuntimeException conflict(DataIntegrityViolationException ex, UpdateBrand attributes) {
		String constraint = DataConstraints.violated(ex).orElse(null);
		if (constraint == null) {
			return ex;
		}
		return switch (constraint) {
			case "brand_slug_key" ->
				new DomainProblem(DomainProblem.Kind.CONFLICT, "brand_slug_taken", attributes.slug());
			// the database does not say which hostname of another tenant it was:
			// row-level security hides the conflicting row
			case "brand_hostname_pkey" -> new DomainProblem(DomainProblem.Kind.CONFLICT, "brand_hostname_taken",
					String.join(", ", (attributes.hostnames() != null) ? attributes.hostnames() : List.of()));
			case "brand_one_default_per_tenant" ->
				new DomainProblem(DomainProblem.Kind.CONFLICT, "brand_default_exists");
			default -> ex;
		};
	}

	static DomainProblem notFound(BrandId id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "brand_not_found", id.toString());
	}

}
