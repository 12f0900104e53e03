package io.octavia.core.branding;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.internal.BrandConfigurations;
import io.octavia.core.branding.internal.BrandingDefaults;
import io.octavia.core.branding.internal.Brands;
import io.octavia.core.branding.internal.HostnameLookup;
import io.octavia.core.branding.internal.Logos;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.SupportedLocales;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantManagement;
import io.octavia.core.tenancy.TenantStatus;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's brands. Like every tenant-owned data they are visible only from the tenant's
 * own scope or the audited cross-tenant scope; a brand of another tenant reads as missing
 * ({@code brand_not_found}, the same answer as for an id that does not exist).
 */
@Service
@Transactional
public class BrandManagement {

	public static final int MAX_HOSTNAMES = 20;

	/** The colour of a brand that names none: the platform's own. */
	public static final String DEFAULT_PRIMARY_COLOR = "#4f46e5";

	/** A colour: {@code #rrggbb}, either case (stored in lower case). */
	public static final String COLOR = "#[0-9a-fA-F]{6}";

	/** The languages a brand can speak: those Octavia has messages for. */
	public static final List<String> LOCALES = SupportedLocales.ALL.stream().map(Locale::getLanguage).toList();

	/** Where a brand's logo is served to anyone, for e-mails and sign-in pages. */
	public static final String LOGO_PATH = "/brand-assets/{brandId}/logo";

	// RFC 1123 labels, at least two of them
	private static final Pattern HOSTNAME = Pattern
		.compile("(?=.{4,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

	private final Brands brands;

	private final BrandConfigurations configurations;

	private final TenantManagement tenants;

	private final Validator validator;

	private final BrandingDefaults defaults;

	private final HostnameLookup hostnameLookup;

	BrandManagement(Brands brands, BrandConfigurations configurations, TenantManagement tenants, Validator validator,
			BrandingDefaults defaults, HostnameLookup hostnameLookup) {
		this.brands = brands;
		this.configurations = configurations;
		this.tenants = tenants;
		this.validator = validator;
		this.defaults = defaults;
		this.hostnameLookup = hostnameLookup;
	}

	/**
	 * Adds a (non-default) brand to a tenant the current scope may see.
	 * @throws DomainProblem {@code validation_failed}, {@code tenant_not_found},
	 * {@code tenant_read_only}, {@code brand_slug_taken} or {@code brand_hostname_taken}
	 */
	public BrandDetails create(CreateBrand command) {
		FieldProblems problems = new FieldProblems().addAll(validator.validate(command));
		UpdateBrand attributes = normalized(new UpdateBrand(command.slug(), command.name(), command.hostnames(),
				(command.primaryColor() != null) ? command.primaryColor() : defaults.primaryColor(),
				command.accentColor(), command.backgroundColor(), command.defaultLocale(), command.supportedLocales(),
				command.sender(), command.legal(), command.support()), problems);
		problems.throwIfAny();
		TenantDetails tenant = tenants.find(command.tenantId())
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found",
					command.tenantId().toString()));
		if (tenant.status() == TenantStatus.CLOSED || tenant.status() == TenantStatus.PURGED) {
			throw new DomainProblem(DomainProblem.Kind.CONFLICT, "tenant_read_only", tenant.id().toString());
		}
		return brands.create(new BrandId(Ids.newId()), command.tenantId(), attributes, false);
	}

	/** The tenant's brands, the default first. */
	@Transactional(readOnly = true)
	public List<BrandDetails> list(TenantId tenantId) {
		return brands.list(tenantId);
	}

	@Transactional(readOnly = true)
	public Optional<BrandDetails> find(BrandId id) {
		return brands.find(id);
	}

	/**
	 * The brand that owns a hostname, whichever tenant it belongs to; needs no tenant
	 * scope. For the gateway, which resolves a request's {@code Host} before it knows the
	 * tenant.
	 * @param hostname as it appears in a {@code Host} header: lower case, ASCII
	 * (punycode)
	 */
	@Transactional(readOnly = true)
	public Optional<ResolvedHostname> resolveHostname(String hostname) {
		return hostnameLookup.resolve(hostname);
	}

	@Transactional(readOnly = true)
	public Optional<BrandDetails> defaultBrand(TenantId tenantId) {
		return brands.defaultBrand(tenantId);
	}

	/**
	 * Replaces a brand's attributes and publishes {@link BrandUpdated} naming what
	 * changed.
	 * @throws DomainProblem {@code validation_failed}, {@code brand_not_found},
	 * {@code brand_slug_taken} or {@code brand_hostname_taken}
	 */
	public BrandDetails update(BrandId id, UpdateBrand attributes) {
		return update(id, current -> attributes);
	}

	/**
	 * Changes a brand's attributes based on the current ones, read and written in one
	 * transaction with the row locked, so concurrent changes never lose one another (the
	 * API's PATCH merges the request into the current attributes here).
	 * @throws DomainProblem as {@link #update(BrandId, UpdateBrand)}
	 */
	public BrandDetails update(BrandId id, UnaryOperator<UpdateBrand> change) {
		BrandDetails current = brands.lock(id).orElseThrow(() -> notFound(id));
		UpdateBrand changed = change.apply(UpdateBrand.of(current));
		FieldProblems problems = new FieldProblems().addAll(validator.validate(changed));
		UpdateBrand attributes = normalized(changed, problems);
		problems.throwIfAny();
		return brands.update(id, attributes);
	}

	/**
	 * Makes the brand its tenant's default brand; the previous default stops being one in
	 * the same transaction, so there is exactly one at every moment.
	 * @throws DomainProblem {@code brand_not_found}
	 */
	public BrandDetails makeDefault(BrandId id) {
		return brands.makeDefault(id);
	}

	/**
	 * Deletes a brand with its hostnames (free for others from now on) and its logo.
	 * @throws DomainProblem {@code brand_not_found}, or {@code brand_default_delete}:
	 * make another brand the default first
	 */
	public void delete(BrandId id) {
		brands.delete(id);
	}

	/**
	 * Replaces a brand's logo with a PNG, WebP or SVG of at most
	 * {@value BrandLogo#MAX_BYTES} bytes. The type is detected from the bytes, not taken
	 * from the uploader; an SVG is stored sanitised, and refused when it carries active
	 * content (see {@code Logos}).
	 * @throws DomainProblem {@code brand_not_found}, {@code brand_logo_too_large},
	 * {@code brand_logo_unsupported} or {@code brand_logo_unsafe}
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public BrandLogoDetails putLogo(BrandId id, byte[] bytes) {
		// inspected before any transaction: parsing a large SVG holds no connection
		Logos.Inspected logo = Logos.inspect(bytes);
		return brands.putLogo(id, logo.contentType(), logo.bytes(), logo.sha256());
	}

	/** The logo of a brand the current scope may see. */
	@Transactional(readOnly = true)
	public Optional<BrandLogo> logo(BrandId id) {
		return brands.logo(id);
	}

	/**
	 * The logo of any brand, whatever the current scope: logos are public (e-mails and
	 * sign-in pages show them to people without a credential). Nothing else about the
	 * brand is revealed.
	 */
	@Transactional(readOnly = true)
	public Optional<BrandLogo> publicLogo(BrandId id) {
		return brands.publicLogo(id);
	}

	/**
	 * The brand's configuration, every value resolved along brand → tenant → platform
	 * defaults. Served from memory after the first call, so it costs microseconds; the
	 * cache forgets a tenant's entries when its brands or settings change.
	 * @throws DomainProblem {@code brand_not_found} for a brand the current scope cannot
	 * see
	 */
	@Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
	public BrandConfiguration configuration(BrandId id) {
		return configurations.find(id).orElseThrow(() -> notFound(id));
	}

	private static DomainProblem notFound(BrandId id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "brand_not_found", id.toString());
	}

	/**
	 * Hostnames in their ASCII form, colours in lower case, locales checked, empty groups
	 * explicit; problems reported per field.
	 */
	private static UpdateBrand normalized(UpdateBrand attributes, FieldProblems problems) {
		List<String> hostnames = hostnames(attributes.hostnames(), problems);
		String defaultLocale = attributes.defaultLocale();
		if (defaultLocale != null && !problems.has("defaultLocale") && !LOCALES.contains(defaultLocale)) {
			problems.add("defaultLocale", "api.field.brand.locale");
		}
		List<String> supported = new ArrayList<>();
		List<String> requested = (attributes.supportedLocales() != null) ? attributes.supportedLocales() : List.of();
		for (int i = 0; i < requested.size(); i++) {
			String locale = requested.get(i);
			if (locale == null || !LOCALES.contains(locale)) {
				problems.add("supportedLocales[" + i + "]", "api.field.brand.locale");
			}
			else if (!supported.contains(locale)) {
				supported.add(locale);
			}
		}
		if (defaultLocale != null && !supported.isEmpty() && !supported.contains(defaultLocale)
				&& !problems.has("defaultLocale")) {
			problems.add("defaultLocale", "api.field.brand.default_locale");
		}
		return new UpdateBrand(attributes.slug(), (attributes.name() != null) ? attributes.name().strip() : "",
				hostnames, lower(attributes.primaryColor()), lower(attributes.accentColor()),
				lower(attributes.backgroundColor()), defaultLocale, List.copyOf(supported),
				Objects.requireNonNullElse(attributes.sender(), BrandSender.none()),
				Objects.requireNonNullElse(attributes.legal(), BrandLegal.none()),
				Objects.requireNonNullElse(attributes.support(), BrandSupport.none()));
	}

	private static @Nullable String lower(@Nullable String color) {
		return (color != null) ? color.toLowerCase(Locale.ROOT) : null;
	}

	/** Lower case, international names in their ASCII (punycode) form, no duplicates. */
	private static List<String> hostnames(@Nullable List<String> requested, FieldProblems problems) {
		List<String> hostnames = new ArrayList<>();
		if (requested == null) {
			return hostnames;
		}
		for (int i = 0; i < requested.size(); i++) {
			String hostname = normalized(requested.get(i));
			if (hostname == null || !HOSTNAME.matcher(hostname).matches()) {
				problems.add("hostnames[" + i + "]", "api.field.brand.hostname", String.valueOf(requested.get(i)));
			}
			else if (!hostnames.contains(hostname)) {
				hostnames.add(hostname);
			}
		}
		return hostnames;
	}

	private static @Nullable String normalized(@Nullable String hostname) {
		if (hostname == null) {
			return null;
		}
		String trimmed = hostname.strip();
		if (trimmed.endsWith(".")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		try {
			return IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
