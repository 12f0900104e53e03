package io.octavia.core.branding;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.internal.Brands;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's brands. Like every tenant-owned data they are visible only from the tenant's
 * own scope or the audited cross-tenant scope; a brand of another tenant reads as
 * missing.
 */
@Service
@Transactional
public class BrandManagement {

	public static final int MAX_HOSTNAMES = 20;

	/** The colour of a brand that names none: the platform's own. */
	public static final String DEFAULT_PRIMARY_COLOR = "#4f46e5";

	// RFC 1123 labels, at least two of them
	private static final Pattern HOSTNAME = Pattern
		.compile("(?=.{4,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

	private final Brands brands;

	private final TenantManagement tenants;

	private final Validator validator;

	BrandManagement(Brands brands, TenantManagement tenants, Validator validator) {
		this.brands = brands;
		this.tenants = tenants;
		this.validator = validator;
	}

	/**
	 * Adds a (non-default) brand to a tenant the current scope may see.
	 * @throws DomainProblem {@code validation_failed}, {@code tenant_not_found},
	 * {@code brand_slug_taken} or {@code brand_hostname_taken}
	 */
	public BrandDetails create(CreateBrand command) {
		FieldProblems problems = new FieldProblems().addAll(validator.validate(command));
		List<String> hostnames = hostnames(command.hostnames(), problems);
		problems.throwIfAny();
		if (tenants.find(command.tenantId()).isEmpty()) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", command.tenantId().toString());
		}
		String color = (command.primaryColor() != null) ? command.primaryColor().toLowerCase(Locale.ROOT)
				: DEFAULT_PRIMARY_COLOR;
		return brands.create(new BrandId(Ids.newId()), command.tenantId(), command.slug(), command.name().strip(),
				hostnames, color, false);
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

	@Transactional(readOnly = true)
	public Optional<BrandDetails> defaultBrand(TenantId tenantId) {
		return brands.defaultBrand(tenantId);
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
