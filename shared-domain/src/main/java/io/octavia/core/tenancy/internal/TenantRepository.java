package io.octavia.core.tenancy.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import io.octavia.core.tenancy.TenantStatus;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

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

	@Query("select t.id from Tenant t where t.status = :status and t.closedAt < :cutoff order by t.closedAt")
	List<UUID> findIdsByStatusAndClosedAtBefore(TenantStatus status, Instant cutoff, Limit limit);

}
