package io.octavia.core.branding.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Sees only the brands the current scope may see (row-level security). */
interface BrandRepository extends JpaRepository<Brand, UUID> {

	/** The default brand first, then the others as they were created. */
	List<Brand> findByTenantIdOrderByDefaultBrandDescCreatedAt(UUID tenantId);

	Optional<Brand> findByTenantIdAndDefaultBrandTrue(UUID tenantId);

}
