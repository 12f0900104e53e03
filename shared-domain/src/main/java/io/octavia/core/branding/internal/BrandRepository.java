package io.octavia.core.branding.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Sees only the brands the current scope may see (row-level security). */
interface BrandRepository extends JpaRepository<Brand, UUID> {

	/** The default brand first, then the others as they were created. */
	List<Brand> findByTenantIdOrderByDefaultBrandDescCreatedAt(UUID tenantId);

	Optional<Brand> findByTenantIdAndDefaultBrandTrue(UUID tenantId);

	/** Locks the brand's row, so changes to one brand apply one after the other. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select b from Brand b where b.id = :id")
	Optional<Brand> findForUpdate(UUID id);

	/** The tenant of a brand, without loading (and so without caching) the brand. */
	@Query("select b.tenantId from Brand b where b.id = :id")
	Optional<UUID> findTenantIdById(UUID id);

	/**
	 * Locks every brand of a tenant, always in the same order (so two callers cannot
	 * deadlock), for changes that involve several of them: moving the default.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select b from Brand b where b.tenantId = :tenantId order by b.id")
	List<Brand> findAllOfTenantForUpdate(UUID tenantId);

}
