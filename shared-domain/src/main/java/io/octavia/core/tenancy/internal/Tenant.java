package io.octavia.core.tenancy.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantActivated;
import io.octavia.core.tenancy.TenantClosed;
import io.octavia.core.tenancy.TenantCreated;
import io.octavia.core.tenancy.TenantPurged;
import io.octavia.core.tenancy.TenantResumed;
import io.octavia.core.tenancy.TenantStatus;
import io.octavia.core.tenancy.TenantSuspended;
import io.octavia.core.tenancy.TenantUpdated;

import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * The tenant aggregate. Its lifecycle is an explicit state machine; every transition
 * registers an event that the repository publishes on save, in the same transaction (and
 * so through the outbox).
 */
@Entity
@Table(name = "tenant")
public class Tenant extends AbstractAggregateRoot<Tenant> {

	@Id
	@Column(name = "tenant_id")
	private UUID id;

	private String slug;

	private String name;

	@Convert(converter = TenantStatusConverter.class)
	private TenantStatus status;

	private String defaultLocale;

	private String timeZone;

	private String defaultCurrency;

	@JdbcTypeCode(SqlTypes.JSON)
	private String metadata;

	@JdbcTypeCode(SqlTypes.ARRAY)
	private String[] provisioningSteps;

	private Instant createdAt;

	private Instant updatedAt;

	private @Nullable Instant closedAt;

	private @Nullable Instant purgedAt;

	// null until first saved: tells Spring Data to persist rather than merge
	@Version
	private @Nullable Long version;

	protected Tenant() {
		// for JPA
	}

	Tenant(TenantId id, String slug, String name, String defaultLocale, String timeZone, String defaultCurrency,
			String metadataJson) {
		this.id = id.value();
		this.slug = slug;
		this.name = name;
		this.status = TenantStatus.PROVISIONING;
		this.defaultLocale = defaultLocale;
		this.timeZone = timeZone;
		this.defaultCurrency = defaultCurrency;
		this.metadata = metadataJson;
		this.provisioningSteps = new String[0];
		this.createdAt = now();
		this.updatedAt = this.createdAt;
		registerEvent(
				new TenantCreated(EventMetadata.capture(id), id, slug, name, defaultLocale, timeZone, defaultCurrency));
	}

	void activate() {
		transition(TenantStatus.PROVISIONING, TenantStatus.ACTIVE);
		registerEvent(new TenantActivated(EventMetadata.capture(id()), id()));
	}

	void suspend() {
		transition(TenantStatus.ACTIVE, TenantStatus.SUSPENDED);
		registerEvent(new TenantSuspended(EventMetadata.capture(id()), id()));
	}

	void resume() {
		transition(TenantStatus.SUSPENDED, TenantStatus.ACTIVE);
		registerEvent(new TenantResumed(EventMetadata.capture(id()), id()));
	}

	void close() {
		transition((status == TenantStatus.SUSPENDED) ? TenantStatus.SUSPENDED : TenantStatus.ACTIVE,
				TenantStatus.CLOSED);
		closedAt = updatedAt;
		registerEvent(new TenantClosed(EventMetadata.capture(id()), id(), updatedAt));
	}

	/**
	 * Ends the retention period: the tenant becomes a tombstone. Name and metadata are
	 * scrubbed (the name becomes the slug); id and slug stay, reserved for good.
	 */
	void purge() {
		transition(TenantStatus.CLOSED, TenantStatus.PURGED);
		purgedAt = updatedAt;
		name = slug;
		metadata = "{}";
		registerEvent(new TenantPurged(EventMetadata.capture(id()), id(), Objects.requireNonNull(closedAt), updatedAt));
	}

	/**
	 * Replaces the settings; publishes {@link TenantUpdated} naming what changed, nothing
	 * when nothing did. Closed and purged tenants keep their settings.
	 * @param metadataJson compact JSON; compared as parsed by the caller
	 * @param sameMetadata whether the metadata equals the current one
	 */
	void update(String name, String defaultLocale, String timeZone, String defaultCurrency, String metadataJson,
			boolean sameMetadata) {
		if (status == TenantStatus.CLOSED || status == TenantStatus.PURGED) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "tenant_read_only", id.toString());
		}
		List<String> changed = new ArrayList<>();
		if (!this.defaultCurrency.equals(defaultCurrency)) {
			changed.add("defaultCurrency");
		}
		if (!this.defaultLocale.equals(defaultLocale)) {
			changed.add("defaultLocale");
		}
		if (!sameMetadata) {
			changed.add("metadata");
		}
		if (!this.name.equals(name)) {
			changed.add("name");
		}
		if (!this.timeZone.equals(timeZone)) {
			changed.add("timeZone");
		}
		if (changed.isEmpty()) {
			return;
		}
		this.name = name;
		this.defaultLocale = defaultLocale;
		this.timeZone = timeZone;
		this.defaultCurrency = defaultCurrency;
		this.metadata = metadataJson;
		updatedAt = now();
		registerEvent(new TenantUpdated(EventMetadata.capture(id()), id(), name, defaultLocale, timeZone,
				defaultCurrency, List.copyOf(changed)));
	}

	/**
	 * Records a finished provisioning step; activates the tenant once every required step
	 * is done. Steps finishing after activation are only recorded.
	 */
	void completeProvisioningStep(String step, Set<String> required) {
		if (!Arrays.asList(provisioningSteps).contains(step)) {
			provisioningSteps = Arrays.copyOf(provisioningSteps, provisioningSteps.length + 1);
			provisioningSteps[provisioningSteps.length - 1] = step;
			updatedAt = now();
		}
		activateIfProvisioned(required);
	}

	void activateIfProvisioned(Set<String> required) {
		if (status == TenantStatus.PROVISIONING && Arrays.asList(provisioningSteps).containsAll(required)) {
			activate();
		}
	}

	private void transition(TenantStatus from, TenantStatus to) {
		if (status != from) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "tenant_invalid_transition",
					List.of(status.label(), to.label()), List.of(),
					Map.of("status", status.value(), "target", to.value()));
		}
		status = to;
		updatedAt = now();
	}

	private static Instant now() {
		// PostgreSQL keeps microseconds; what we return must equal what we read back
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	public TenantId id() {
		return new TenantId(id);
	}

	public String slug() {
		return slug;
	}

	public String name() {
		return name;
	}

	public TenantStatus status() {
		return status;
	}

	public String defaultLocale() {
		return defaultLocale;
	}

	public String timeZone() {
		return timeZone;
	}

	public String defaultCurrency() {
		return defaultCurrency;
	}

	public String metadata() {
		return metadata;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

	public @Nullable Instant closedAt() {
		return closedAt;
	}

	public @Nullable Instant purgedAt() {
		return purgedAt;
	}

}
