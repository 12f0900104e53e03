package io.octavia.core.branding.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandCreated;
import io.octavia.core.branding.BrandLegal;
import io.octavia.core.branding.BrandSender;
import io.octavia.core.branding.BrandSupport;
import io.octavia.core.branding.BrandUpdated;
import io.octavia.core.branding.UpdateBrand;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * The brand aggregate; its hostnames live in {@code brand_hostname}, its logo in
 * {@code brand_logo}. Every change registers {@link BrandUpdated} naming what changed.
 */
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

	private @Nullable String accentColor;

	private @Nullable String backgroundColor;

	private @Nullable String defaultLocale;

	@JdbcTypeCode(SqlTypes.ARRAY)
	private String[] supportedLocales = new String[0];

	private @Nullable String senderFromName;

	private @Nullable String senderFromEmail;

	private @Nullable String senderReplyTo;

	private @Nullable String senderSmsId;

	private @Nullable String legalName;

	private @Nullable String legalAddress;

	private @Nullable String legalTaxId;

	private @Nullable String supportEmail;

	private @Nullable String supportUrl;

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

	/**
	 * @param attributes validated and normalized
	 */
	Brand(BrandId id, TenantId tenantId, UpdateBrand attributes, boolean defaultBrand) {
		this.id = id.value();
		this.tenantId = tenantId.value();
		this.defaultBrand = defaultBrand;
		apply(attributes);
		this.createdAt = now();
		this.updatedAt = this.createdAt;
		registerEvent(new BrandCreated(EventMetadata.capture(tenantId), id, tenantId, slug, name, defaultBrand,
				hostnames(), primaryColor));
	}

	/**
	 * Replaces the attributes; registers {@link BrandUpdated} when something changed.
	 * @param attributes validated and normalized
	 */
	void update(UpdateBrand attributes) {
		UpdateBrand before = attributes();
		apply(attributes);
		List<String> changed = new ArrayList<>();
		compare(changed, "accentColor", before.accentColor(), accentColor);
		compare(changed, "backgroundColor", before.backgroundColor(), backgroundColor);
		compare(changed, "defaultLocale", before.defaultLocale(), defaultLocale);
		compare(changed, "hostnames", before.hostnames(), hostnames());
		compare(changed, "legal", before.legal(), legal());
		compare(changed, "name", before.name(), name);
		compare(changed, "primaryColor", before.primaryColor(), primaryColor);
		compare(changed, "sender", before.sender(), sender());
		compare(changed, "slug", before.slug(), slug);
		compare(changed, "support", before.support(), support());
		compare(changed, "supportedLocales", before.supportedLocales(), supportedLocales());
		changed(changed);
	}

	void logoChanged() {
		changed(List.of("logo"));
	}

	void makeDefault() {
		defaultBrand = true;
		changed(List.of("defaultBrand"));
	}

	void unmakeDefault() {
		defaultBrand = false;
		changed(List.of("defaultBrand"));
	}

	private void changed(List<String> changed) {
		if (changed.isEmpty()) {
			return;
		}
		updatedAt = now();
		registerEvent(new BrandUpdated(EventMetadata.capture(tenantId()), id(), tenantId(), slug, name, defaultBrand,
				hostnames(), List.copyOf(changed)));
	}

	private static void compare(List<String> changed, String attribute, @Nullable Object before,
			@Nullable Object after) {
		if (!Objects.equals(before, after)) {
			changed.add(attribute);
		}
	}

	private void apply(UpdateBrand attributes) {
		slug = attributes.slug();
		name = attributes.name();
		primaryColor = attributes.primaryColor();
		accentColor = attributes.accentColor();
		backgroundColor = attributes.backgroundColor();
		defaultLocale = attributes.defaultLocale();
		supportedLocales = (attributes.supportedLocales() != null)
				? attributes.supportedLocales().toArray(String[]::new) : new String[0];
		BrandSender sender = Objects.requireNonNullElse(attributes.sender(), BrandSender.none());
		senderFromName = sender.fromName();
		senderFromEmail = sender.fromEmail();
		senderReplyTo = sender.replyTo();
		senderSmsId = sender.smsSenderId();
		BrandLegal legal = Objects.requireNonNullElse(attributes.legal(), BrandLegal.none());
		legalName = legal.legalName();
		legalAddress = legal.address();
		legalTaxId = legal.taxId();
		BrandSupport support = Objects.requireNonNullElse(attributes.support(), BrandSupport.none());
		supportEmail = support.email();
		supportUrl = support.url();
		List<String> wanted = (attributes.hostnames() != null) ? attributes.hostnames() : List.of();
		hostnames.removeIf(hostname -> !wanted.contains(hostname.name()));
		wanted.forEach(hostname -> hostnames.add(new Hostname(hostname, tenantId)));
	}

	private static Instant now() {
		// PostgreSQL keeps microseconds; what we return must equal what we read back
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	/** The attributes as a whole, as {@link #update} takes them. */
	UpdateBrand attributes() {
		return new UpdateBrand(slug, name, hostnames(), primaryColor, accentColor, backgroundColor, defaultLocale,
				supportedLocales(), sender(), legal(), support());
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

	public @Nullable String accentColor() {
		return accentColor;
	}

	public @Nullable String backgroundColor() {
		return backgroundColor;
	}

	public @Nullable String defaultLocale() {
		return defaultLocale;
	}

	public List<String> supportedLocales() {
		return List.copyOf(Arrays.asList(supportedLocales));
	}

	public BrandSender sender() {
		return new BrandSender(senderFromName, senderFromEmail, senderReplyTo, senderSmsId);
	}

	public BrandLegal legal() {
		return new BrandLegal(legalName, legalAddress, legalTaxId);
	}

	public BrandSupport support() {
		return new BrandSupport(supportEmail, supportUrl);
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
