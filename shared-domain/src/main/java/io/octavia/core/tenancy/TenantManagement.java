package io.octavia.core.tenancy;

import java.time.ZoneId;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.FieldProblems;
import io.octavia.core.platform.Metadata;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.web.SupportedLocales;
import io.octavia.core.tenancy.internal.TenantCursor;
import io.octavia.core.tenancy.internal.Tenants;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates tenants and moves them through their lifecycle. The tenant table is protected
 * by row-level security like every tenant-owned table: lookups and transitions see a
 * tenant only from its own scope or from the audited cross-tenant scope
 * ({@link io.octavia.core.platform.CrossTenantAccess}), which is how operators act on
 * tenants.
 */
@Service
@Transactional
public class TenantManagement {

	private final Tenants tenants;

	private final Validator validator;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	TenantManagement(Tenants tenants, Validator validator, JsonMapper json, TransactionTemplate transactions) {
		this.tenants = tenants;
		this.validator = validator;
		this.json = json;
		this.transactions = transactions;
	}

	/**
	 * Creates a tenant in status {@code provisioning} and publishes
	 * {@link TenantCreated}; it becomes active when provisioning completes.
	 * <p>
	 * The insert must pass the table's row-level security check, so it runs in a scope
	 * bound to the new tenant's id, set before the transaction begins (keeping the
	 * caller's actor for the audit trail). That is narrower than the cross-tenant scope:
	 * the only row the transaction can write or see is the new tenant's own, and callers
	 * need not open an audited cross-tenant path for work that concerns one tenant. For
	 * the same reason it refuses to join a caller's transaction (whose scope it cannot
	 * change): call it outside one. Slug uniqueness is decided by the unique index, which
	 * sees every row regardless of row-level security.
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed} with field
	 * problems, or {@code tenant_slug_taken}
	 */
	@Transactional(propagation = Propagation.NEVER)
	public TenantDetails create(CreateTenant command) {
		FieldProblems problems = new FieldProblems().addAll(validator.validate(command));
		Locale locale = supportedLocale(command.defaultLocale(), problems);
		checkZoneAndCurrency(command.timeZone(), command.defaultCurrency(), problems);
		String metadata = Metadata.toJson(json, command.metadata(), problems);
		problems.throwIfAny();

		TenantId id = new TenantId(Ids.newId());
		TenantContext.Scope caller = TenantContext.current().orElse(null);
		TenantContext.Scope own = new TenantContext.Scope(id, null, (caller != null) ? caller.userId() : null,
				(caller != null) ? caller.actor() : "system", null);
		return TenantContext.call(own, () -> Objects.requireNonNull(
				transactions.execute(status -> tenants.create(id, command, Objects.requireNonNull(locale), metadata))));
	}

	@Transactional(readOnly = true)
	public Optional<TenantDetails> find(TenantId id) {
		return tenants.find(id);
	}

	/** The tenant with this slug, if the current scope may see it. */
	@Transactional(readOnly = true)
	public Optional<TenantDetails> findBySlug(String slug) {
		return tenants.findBySlug(slug);
	}

	/**
	 * Replaces a tenant's settings (name, locale, time zone, currency, metadata) and
	 * publishes {@link TenantUpdated} when something changed.
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed},
	 * {@code tenant_not_found} or {@code tenant_read_only}
	 */
	public TenantDetails update(TenantId id, UpdateTenant settings) {
		return update(id, current -> settings);
	}

	/**
	 * Changes a tenant's settings based on the current ones, read and written in one
	 * transaction with the row locked: concurrent changes apply one after the other and
	 * none is lost (the API's PATCH merges the request into the current settings here).
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed},
	 * {@code tenant_not_found} or {@code tenant_read_only}
	 */
	public TenantDetails update(TenantId id, UnaryOperator<UpdateTenant> change) {
		TenantDetails current = tenants.lock(id)
			.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", id.toString()));
		UpdateTenant settings = change.apply(UpdateTenant.of(current));
		FieldProblems problems = new FieldProblems().addAll(validator.validate(settings));
		Locale locale = supportedLocale(settings.defaultLocale(), problems);
		checkZoneAndCurrency(settings.timeZone(), settings.defaultCurrency(), problems);
		String metadata = Metadata.toJson(json, settings.metadata(), problems);
		problems.throwIfAny();
		return tenants.update(id, settings.name(), Objects.requireNonNull(locale), settings.timeZone(),
				settings.defaultCurrency(), metadata);
	}

	/**
	 * A page of the tenants the current scope may see — all of them in the audited
	 * cross-tenant scope of operators — oldest first.
	 * @throws io.octavia.core.platform.DomainProblem {@code validation_failed} for a
	 * limit out of range or a cursor that is not one of ours
	 */
	@Transactional(readOnly = true)
	public TenantPage search(TenantQuery query) {
		FieldProblems problems = new FieldProblems();
		if (query.limit() < 1 || query.limit() > TenantQuery.MAX_LIMIT) {
			problems.add("limit", "api.field.limit", TenantQuery.MAX_LIMIT);
		}
		TenantCursor after = null;
		if (query.cursor() != null) {
			after = TenantCursor.decode(query.cursor()).orElse(null);
			if (after == null) {
				problems.add("cursor", "api.field.cursor");
			}
		}
		if (query.prefix() != null && query.prefix().length() > 200) {
			problems.add("q", "api.field.name");
		}
		problems.throwIfAny();
		return tenants.search(query.prefix(), query.status(), after, query.limit());
	}

	/** provisioning → active; normally done by provisioning itself. */
	public TenantDetails activate(TenantId id) {
		return tenants.activate(id);
	}

	/** active → suspended. */
	public TenantDetails suspend(TenantId id) {
		return tenants.suspend(id);
	}

	/** suspended → active. */
	public TenantDetails resume(TenantId id) {
		return tenants.resume(id);
	}

	/**
	 * active or suspended → closed, for good; after the retention period
	 * ({@code octavia.tenancy.retention}) the tenant's data is purged.
	 */
	public TenantDetails close(TenantId id) {
		return tenants.close(id);
	}

	private static @Nullable Locale supportedLocale(@Nullable String tag, FieldProblems problems) {
		if (tag == null || problems.has("defaultLocale")) {
			return null;
		}
		try {
			Locale locale = new Locale.Builder().setLanguageTag(tag).build();
			boolean plain = locale.getScript().isEmpty() && locale.getVariant().isEmpty() && !locale.hasExtensions();
			if (plain && SupportedLocales.ALL.stream()
				.anyMatch(supported -> supported.getLanguage().equals(locale.getLanguage()))) {
				return locale;
			}
		}
		catch (IllformedLocaleException ex) {
			// reported below
		}
		problems.add("defaultLocale", "api.field.tenant.locale");
		return null;
	}

	private static void checkZoneAndCurrency(@Nullable String timeZone, @Nullable String currency,
			FieldProblems problems) {
		if (!problems.has("timeZone") && !ZoneId.getAvailableZoneIds().contains(timeZone)) {
			problems.add("timeZone", "api.field.tenant.time_zone");
		}
		if (!problems.has("defaultCurrency") && !isCurrency(currency)) {
			problems.add("defaultCurrency", "api.field.tenant.currency");
		}
	}

	private static boolean isCurrency(@Nullable String code) {
		if (code == null || !code.matches("[A-Z]{3}")) {
			return false;
		}
		try {
			Currency.getInstance(code);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
