package io.octavia.core.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandCreated;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.ResolvedHostname;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.TenantChangeObserved;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantCreated;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the gateway needs to know about a tenant on every request — its status and its
 * brands — and which brand a hostname belongs to, kept in memory so that a request in
 * steady state costs no query.
 * <p>
 * Entries live for {@code octavia.gateway.cache-ttl}. A tenancy or branding event drops
 * the tenant's entry (and every cached hostname) once the transaction that published it
 * commits — on the node that published it. Other nodes learn of it from the event stream
 * ({@link TenantChangeObserved}, fed from Kafka) within moments; the time to live bounds
 * what a missed record could leave behind.
 */
@Component
class TenantDirectory {

	/** A tenant's state as the gateway sees it. */
	record TenantEntry(@Nullable TenantStatus status, @Nullable BrandId defaultBrand, Set<BrandId> brands) {

		/**
		 * A tenant the database does not know: only the test authenticator vouches for
		 * those.
		 */
		static final TenantEntry UNKNOWN = new TenantEntry(null, null, Set.of());

	}

	// the shape of a DNS name; anything else (an IP address, "localhost") is no brand's
	private static final Pattern HOSTNAME = Pattern.compile("(?=.{4,253}$)[a-z0-9-]+(\\.[a-z0-9-]+)+");

	private final Cache<TenantId, TenantEntry> tenants;

	private final Cache<String, Optional<ResolvedHostname>> hostnames;

	private final TenantManagement tenantManagement;

	private final BrandManagement brandManagement;

	private final TransactionTemplate readOnly;

	TenantDirectory(TenantManagement tenantManagement, BrandManagement brandManagement,
			PlatformTransactionManager transactionManager, GatewayProperties properties) {
		this.tenantManagement = tenantManagement;
		this.brandManagement = brandManagement;
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.tenants = Caffeine.newBuilder()
			.maximumSize(properties.cacheSize())
			.expireAfterWrite(properties.cacheTtl())
			.build();
		this.hostnames = Caffeine.newBuilder()
			.maximumSize(properties.cacheSize())
			.expireAfterWrite(properties.cacheTtl())
			.build();
	}

	TenantEntry tenant(TenantId id) {
		return tenants.get(id, this::load);
	}

	/**
	 * The brand owning a host name as it comes in a {@code Host} header or an
	 * {@code Origin}, port and trailing dot allowed; hosts that cannot be a brand's are
	 * not looked up.
	 */
	Optional<ResolvedHostname> hostname(@Nullable String host) {
		String hostname = normalized(host);
		if (hostname == null) {
			return Optional.empty();
		}
		return hostnames.get(hostname, brandManagement::resolveHostname);
	}

	// Runs in the publishing thread, inside its transaction; the entry is dropped after
	// the commit, so that no request reloads the old state in between.
	@EventListener
	void on(DomainEvent event) {
		Package origin = event.getClass().getPackage();
		boolean branding = origin.equals(BrandCreated.class.getPackage());
		if (!branding && !origin.equals(TenantCreated.class.getPackage())) {
			return;
		}
		TenantId tenant = event.metadata().tenantId();
		afterCommit(() -> {
			if (tenant != null) {
				tenants.invalidate(tenant);
			}
			if (branding) {
				// hostname changes are rare: dropping all is simpler than tracking which
				hostnames.invalidateAll();
			}
		});
	}

	/** A change seen on the event stream, possibly made on another node. */
	@EventListener
	void on(TenantChangeObserved change) {
		tenants.invalidate(change.tenantId());
		if (change.stream().equals(BrandCreated.TOPIC)) {
			hostnames.invalidateAll();
		}
	}

	private TenantEntry load(TenantId id) {
		return TenantContext.call(TenantContext.Scope.tenant(id, "system:gateway"),
				() -> Objects.requireNonNull(readOnly.execute(status -> tenantManagement.find(id).map(tenant -> {
					List<BrandDetails> brands = brandManagement.list(id);
					BrandId defaultBrand = brands.stream()
						.filter(BrandDetails::defaultBrand)
						.map(BrandDetails::id)
						.findFirst()
						.orElse(null);
					return new TenantEntry(tenant.status(), defaultBrand,
							brands.stream().map(BrandDetails::id).collect(Collectors.toUnmodifiableSet()));
				}).orElse(TenantEntry.UNKNOWN))));
	}

	static @Nullable String normalized(@Nullable String host) {
		if (host == null) {
			return null;
		}
		String hostname = host.toLowerCase(Locale.ROOT);
		int port = hostname.lastIndexOf(':');
		if (port >= 0) {
			hostname = hostname.substring(0, port);
		}
		if (hostname.endsWith(".")) {
			hostname = hostname.substring(0, hostname.length() - 1);
		}
		return HOSTNAME.matcher(hostname).matches() ? hostname : null;
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

}
