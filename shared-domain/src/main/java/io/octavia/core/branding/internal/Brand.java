package io.octavia.core.branding.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandCreated;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.data.domain.AbstractAggregateRoot;

/** The brand aggregate; its hostnames live in {@code brand_hostname}. */
@Entity
@Table(name = "brand")
public class Brand extends AbstractAggregateRoot<Brand> {

	@Id
	@Column(name = "brand_id")
	private UUID id;

	private UUID tenantId;

	private String slug;

	private String name;

	@Column(name = "is_default")
	private boolean defaultBrand;

	private String primaryColor;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "brand_hostname", joinColumns = @JoinColumn(name = "brand_id"))
	private Set<Hostname> hostnames = new HashSet<>();

	private Instant createdAt;

	private Instant updatedAt;

	// null until first saved: tells Spring Data to persist rather than merge
	@Version
	private @Nullable Long version;

	protected Brand() {
		// for JPA
	}

	Brand(BrandId id, TenantId tenantId, String slug, String name, List<String> hostnames, String primaryColor,
			boolean defaultBrand) {
		this.id = id.value();
		this.tenantId = tenantId.value();
		this.slug = slug;
		this.name = name;
		this.primaryColor = primaryColor;
		this.defaultBrand = defaultBrand;
		hostnames.forEach(hostname -> this.hostnames.add(new Hostname(hostname, tenantId.value())));
		this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		this.updatedAt = this.createdAt;
		registerEvent(new BrandCreated(EventMetadata.capture(tenantId), id, tenantId, slug, name, defaultBrand,
				hostnames(), primaryColor));
	}

	public BrandId id() {
		return new BrandId(id);
	}

	public TenantId tenantId() {
		return new TenantId(tenantId);
	}

	public String slug() {
		return slug;
	}

	public String name() {
		return name;
	}

	public boolean isDefault() {
		return defaultBrand;
	}

	public String primaryColor() {
		return primaryColor;
	}

	public List<String> hostnames() {
		return hostnames.stream().map(Hostname::name).sorted().toList();
	}

	public Instant createdAt() {
		return createdAt;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

}
