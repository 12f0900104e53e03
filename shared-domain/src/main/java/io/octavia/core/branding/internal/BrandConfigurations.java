package io.octavia.core.branding.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandConfiguration;
import io.octavia.core.branding.BrandCreated;
import io.octavia.core.branding.BrandDeleted;
import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandLegal;
import io.octavia.core.branding.BrandLogoDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.BrandSender;
import io.octavia.core.branding.BrandSupport;
import io.octavia.core.branding.BrandUpdated;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantChangeObserved;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantPurged;
import io.octavia.core.tenancy.TenantUpdated;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolves brand configurations along brand → tenant → platform defaults and keeps them
 * in memory, so that a lookup is a map read, not a query.
 * <p>
 * The cache sits above row-level security, so it applies the same rule itself: an entry
 * is handed only to its own tenant's scope or to the audited cross-tenant scope. Changes
 * on this node evict the tenant's entries when their transaction commits (a brand's
 * configuration also depends on its tenant and its default brand); a generation counter
 * keeps a resolution that raced with an eviction out of the cache. Changes on other nodes
 * reach this node through the event stream ({@link TenantChangeObserved}) within moments;
 * {@code octavia.branding.cache.ttl} bounds what a missed record could leave behind.
 */
@Component
public class BrandConfigurations {

	private record Entry(TenantId tenantId, BrandConfiguration configuration, long expiresAt) {
	}

	private final Map<UUID, Entry> cache = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final Brands brands;

	private final TenantManagement tenants;

	private final BrandingDefaults defaults;

	private final BrandCacheProperties properties;

	private final TransactionTemplate readOnly;

	BrandConfigurations(Brands brands, TenantManagement tenants, BrandingDefaults defaults,
			BrandCacheProperties properties, TransactionTemplate transactions) {
		this.brands = brands;
		this.tenants = tenants;
		this.defaults = defaults;
		this.properties = properties;
		this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
		this.readOnly.setReadOnly(true);
		this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
	}

	/** The configuration of a brand the current scope may see. */
	public Optional<BrandConfiguration> find(BrandId id) {
		long now = System.nanoTime();
		Entry entry = cache.get(id.value());
		if (entry != null && now - entry.expiresAt() < 0) {
			return visible(entry.tenantId()) ? Optional.of(entry.configuration()) : Optional.empty();
		}
		// inside a caller's transaction the brand may have uncommitted changes: resolve
		// them, but do not cache them
		boolean cacheable = !TransactionSynchronizationManager.isActualTransactionActive();
		long generationBefore = generation.get();
		Optional<BrandConfiguration> resolved = readOnly.execute(status -> resolve(id));
		if (resolved == null || resolved.isEmpty()) {
			return Optional.empty();
		}
		if (cacheable) {
			remember(resolved.get(), generationBefore, now);
		}
		return resolved;
	}

	private static boolean visible(TenantId owner) {
		TenantContext.Scope scope = TenantContext.current().orElse(null);
		return scope != null && (scope.crossTenant() || owner.equals(scope.tenantId()));
	}

	private void remember(BrandConfiguration configuration, long generationBefore, long now) {
		if (cache.size() >= properties.maxEntries()) {
			// bounded: forget an arbitrary tenth rather than track recency on every read
			cache.keySet().stream().limit(Math.max(1, properties.maxEntries() / 10)).toList().forEach(cache::remove);
		}
		cache.put(configuration.brandId().value(),
				new Entry(configuration.tenantId(), configuration, now + properties.ttl().toNanos()));
		if (generation.get() != generationBefore) {
			// evicted while we resolved: what we resolved may predate the change
			cache.remove(configuration.brandId().value());
		}
	}

	private Optional<BrandConfiguration> resolve(BrandId id) {
		BrandDetails brand = brands.find(id).orElse(null);
		if (brand == null) {
			return Optional.empty();
		}
		BrandDetails tenantBrand = brand.defaultBrand() ? null : brands.defaultBrand(brand.tenantId()).orElse(null);
		TenantDetails tenant = tenants.find(brand.tenantId()).orElse(null);
		Chain chain = new Chain(brand, tenantBrand);

		List<String> supported = !brand.supportedLocales().isEmpty() ? brand.supportedLocales()
				: (tenantBrand != null && !tenantBrand.supportedLocales().isEmpty()) ? tenantBrand.supportedLocales()
						: defaults.supportedLocales();
		String tenantLanguage = (tenant != null) ? tenant.defaultLocale().getLanguage() : null;
		String defaultLocale = first(chain.value(BrandDetails::defaultLocale), tenantLanguage,
				defaults.defaultLocale());
		if (!supported.contains(defaultLocale)) {
			defaultLocale = supported.get(0);
		}
		String tenantName = (tenant != null) ? tenant.name() : null;

		BrandConfiguration.Colors colors = BrandConfiguration.Colors.of(brand.primaryColor(),
				first(chain.value(BrandDetails::accentColor), defaults.accentColor()),
				first(chain.value(BrandDetails::backgroundColor), defaults.backgroundColor()));
		BrandSender sender = new BrandSender(
				first(chain.value(b -> b.sender().fromName()), tenantName, defaults.fromName()),
				first(chain.value(b -> b.sender().fromEmail()), defaults.fromEmail()),
				firstOrNull(chain.value(b -> b.sender().replyTo()), defaults.replyTo()),
				firstOrNull(chain.value(b -> b.sender().smsSenderId()), defaults.smsSenderId()));
		BrandLegal legal = new BrandLegal(
				first(chain.value(b -> b.legal().legalName()), tenantName, defaults.legalName()),
				firstOrNull(chain.value(b -> b.legal().address()), defaults.legalAddress()),
				firstOrNull(chain.value(b -> b.legal().taxId()), defaults.taxId()));
		BrandSupport support = new BrandSupport(
				firstOrNull(chain.value(b -> b.support().email()), defaults.supportEmail()),
				firstOrNull(chain.value(b -> b.support().url()), defaults.supportUrl()));
		return Optional.of(new BrandConfiguration(brand.id(), brand.tenantId(), brand.name(), colors,
				logoUrl(brand, tenantBrand), Locale.forLanguageTag(defaultLocale),
				supported.stream().map(Locale::forLanguageTag).toList(), sender, legal, support));
	}

	private @Nullable String logoUrl(BrandDetails brand, @Nullable BrandDetails tenantBrand) {
		if (brand.logo() != null) {
			return logoUrl(brand.id(), brand.logo());
		}
		if (tenantBrand != null && tenantBrand.logo() != null) {
			return logoUrl(tenantBrand.id(), tenantBrand.logo());
		}
		return defaults.logoUrl();
	}

	// the digest in the query makes a new logo a new URL, so caches never show the old
	// one
	private static String logoUrl(BrandId id, BrandLogoDetails logo) {
		return BrandManagement.LOGO_PATH.replace("{brandId}", id.toString()) + "?v=" + logo.sha256().substring(0, 16);
	}

	/** A brand's own value, else the one of its tenant's default brand. */
	private record Chain(BrandDetails brand, @Nullable BrandDetails tenantBrand) {

		@Nullable String value(Function<BrandDetails, @Nullable String> attribute) {
			String own = attribute.apply(brand);
			return (own != null || tenantBrand == null) ? own : attribute.apply(tenantBrand);
		}

	}

	private static String first(@Nullable String... candidates) {
		String value = firstOrNull(candidates);
		if (value == null) {
			throw new IllegalStateException("No value and no platform default");
		}
		return value;
	}

	private static @Nullable String firstOrNull(@Nullable String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null) {
				return candidate;
			}
		}
		return null;
	}

	@EventListener
	void on(BrandCreated event) {
		evictAfterCommit(event.tenantId());
	}

	@EventListener
	void on(BrandUpdated event) {
		evictAfterCommit(event.tenantId());
	}

	@EventListener
	void on(BrandDeleted event) {
		evictAfterCommit(event.tenantId());
	}

	@EventListener
	void on(TenantUpdated event) {
		evictAfterCommit(event.tenantId());
	}

	@EventListener
	void on(TenantPurged event) {
		evictAfterCommit(event.tenantId());
	}

	/**
	 * Runs while the change's transaction is still open (a plain listener, so the outbox
	 * records nothing for it) and evicts once it committed: evicting earlier would let a
	 * concurrent reader cache the old state again.
	 */
	/** A change seen on the event stream, possibly made on another node. */
	@EventListener
	void on(TenantChangeObserved change) {
		evict(change.tenantId());
	}

	private void evictAfterCommit(TenantId tenantId) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					evict(tenantId);
				}
			});
		}
		else {
			evict(tenantId);
		}
	}

	void evict(TenantId tenantId) {
		generation.incrementAndGet();
		cache.values().removeIf(entry -> entry.tenantId().equals(tenantId));
	}

}
