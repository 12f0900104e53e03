package io.octavia.core.tenancy.internal;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.JpaRepository;

/** Sees only the tenants the current scope may see (row-level security). */
interface TenantRepository extends JpaRepository<Tenant, UUID> {

	Optional<Tenant> findBySlug(String slug);

	/**
	 * Locks the row, so transitions and provisioning steps of one tenant apply one after
	 * another, each on the latest state.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from Tenant t where t.id = :id")
	Optional<Tenant> findForUpdate(UUID id);

}
