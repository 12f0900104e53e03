package io.octavia.core.tenancy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.DataConstraints;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.ProvisioningStep;
import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.TenantPage;
import io.octavia.core.tenancy.TenantStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenancy module's access to its aggregate, for the public
 * {@link io.octavia.core.tenancy.TenantManagement} and the provisioning listener. Every
 * query runs under row-level security: a scope sees its own tenant, the audited
 * cross-tenant scope sees all.
 */
@Component
@Transactional
public class Tenants {

	private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
	};

	private final TenantRepository repository;

	private final ObjectProvider<ProvisioningStep> steps;

	private final JsonMapper json;

	private final JdbcClient jdbc;

	Tenants(TenantRepository repository, ObjectProvider<ProvisioningStep> steps, JsonMapper json, JdbcClient jdbc) {
		this.repository = repository;
		this.steps = steps;
		this.json = json;
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the tenant; the unique index on {@code slug} decides between concurrent
	 * creators of one slug.
	 */
	public TenantDetails create(TenantId id, CreateTenant command, Locale locale, String metadataJson) {
		Tenant tenant = new Tenant(id, command.slug(), command.name().strip(), locale.toLanguageTag(),
				command.timeZone(), command.defaultCurrency(), metadataJson);
		tenant.activateIfProvisioned(requiredSteps());
		try {
			return details(repository.saveAndFlush(tenant));
		}
		catch (DataIntegrityViolationException ex) {
			if (DataConstraints.violated(ex, "tenant_slug_key")) {
				throw new DomainProblem(DomainProblem.Kind.CONFLICT, "tenant_slug_taken", command.slug());
			}
			throw ex;
		}
	}

	@Transactional(readOnly = true)
	public Optional<TenantDetails> find(TenantId id) {
		return repository.findById(id.value()).map(this::details);
	}

	@Transactional(readOnly = true)
	public Optional<TenantDetails> findBySlug(String slug) {
		return repository.findBySlug(slug).map(this::details);
	}

	/**
	 * The tenant, its row locked until the transaction ends: what the caller reads here
	 * stays current until it writes.
	 */
	public Optional<TenantDetails> lock(TenantId id) {
		return repository.findForUpdate(id.value()).map(this::details);
	}

	/**
	 * Replaces a tenant's settings, which the caller validated.
	 * @param metadataJson compact JSON object
	 */
	public TenantDetails update(TenantId id, String name, Locale locale, String timeZone, String defaultCurrency,
			String metadataJson) {
		return change(id, tenant -> tenant.update(name.strip(), locale.toLanguageTag(), timeZone, defaultCurrency,
				metadataJson, json.readTree(tenant.metadata()).equals(json.readTree(metadataJson))));
	}

	public TenantDetails activate(TenantId id) {
		return change(id, Tenant::activate);
	}

	public TenantDetails suspend(TenantId id) {
		return change(id, Tenant::suspend);
	}

	public TenantDetails resume(TenantId id) {
		return change(id, Tenant::resume);
	}

	public TenantDetails close(TenantId id) {
		return change(id, Tenant::close);
	}

	/** closed → purged. */
	public TenantDetails purge(TenantId id) {
		return change(id, Tenant::purge);
	}

	/** Closed tenants that were closed before {@code cutoff}, longest closed first. */
	@Transactional(readOnly = true)
	public List<TenantId> closedBefore(Instant cutoff, int limit) {
		return repository.findIdsByStatusAndClosedAtBefore(TenantStatus.CLOSED, cutoff, Limit.of(limit))
			.stream()
			.map(TenantId::new)
			.toList();
	}

	/**
	 * A page of the tenants the current scope may see, ordered by creation time, then id
	 * (the cursor's key): a row inserted while a client pages cannot shift the pages it
	 * has not read yet, so no row repeats or goes missing.
	 * @param prefix start of the slug or, ignoring case, of the name
	 */
	@Transactional(readOnly = true)
	public TenantPage search(@Nullable String prefix, @Nullable TenantStatus status, @Nullable TenantCursor after,
			int limit) {
		StringBuilder sql = new StringBuilder("""
				SELECT tenant_id, slug, name, status, default_locale, time_zone, default_currency, metadata::text,
				       created_at, updated_at, closed_at
				FROM tenant WHERE true""");
		Map<String, Object> parameters = new HashMap<>();
		if (prefix != null && !prefix.isBlank()) {
			sql.append(" AND (slug LIKE :like OR lower(name) LIKE :like)");
			parameters.put("like", likePrefix(prefix.strip().toLowerCase(Locale.ROOT)));
		}
		if (status != null) {
			sql.append(" AND status = :status");
			parameters.put("status", status.value());
		}
		if (after != null) {
			sql.append(" AND (created_at, tenant_id) > (:afterCreated, :afterId)");
			parameters.put("afterCreated", after.createdAt().atOffset(ZoneOffset.UTC));
			parameters.put("afterId", after.id());
		}
		sql.append(" ORDER BY created_at, tenant_id LIMIT :limit");
		parameters.put("limit", limit + 1);
		List<TenantDetails> rows = jdbc.sql(sql.toString()).params(parameters).query(this::row).list();
		if (rows.size() <= limit) {
			return new TenantPage(rows, null);
		}
		List<TenantDetails> page = List.copyOf(rows.subList(0, limit));
		TenantDetails last = page.get(limit - 1);
		return new TenantPage(page, new TenantCursor(last.createdAt(), last.id().value()).encode());
	}

	public void completeProvisioningStep(TenantId id, String step) {
		Set<String> required = requiredSteps();
		change(id, tenant -> tenant.completeProvisioningStep(step, required));
	}

	private TenantDetails change(TenantId id, Consumer<Tenant> change) {
		Tenant tenant = repository.findForUpdate(id.value()).orElseThrow(() -> notFound(id));
		change.accept(tenant);
		return details(repository.save(tenant));
	}

	private Set<String> requiredSteps() {
		return steps.orderedStream().map(ProvisioningStep::name).collect(Collectors.toSet());
	}

	// LIKE's wildcards in what the caller typed match only themselves (default escape: \)
	private static String likePrefix(String prefix) {
		return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	private TenantDetails row(ResultSet rs, int rowNumber) throws SQLException {
		OffsetDateTime closedAt = rs.getObject(11, OffsetDateTime.class);
		return new TenantDetails(new TenantId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3),
				TenantStatus.of(rs.getString(4)), Locale.forLanguageTag(rs.getString(5)), ZoneId.of(rs.getString(6)),
				Currency.getInstance(rs.getString(7)), json.readValue(rs.getString(8), METADATA),
				rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getObject(10, OffsetDateTime.class).toInstant(),
				(closedAt != null) ? closedAt.toInstant() : null);
	}

	private TenantDetails details(Tenant tenant) {
		return new TenantDetails(tenant.id(), tenant.slug(), tenant.name(), tenant.status(),
				Locale.forLanguageTag(tenant.defaultLocale()), ZoneId.of(tenant.timeZone()),
				Currency.getInstance(tenant.defaultCurrency()), json.readValue(tenant.metadata(), METADATA),
				tenant.createdAt(), tenant.updatedAt(), tenant.closedAt());
	}

	static DomainProblem notFound(TenantId id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", id.toString());
	}

}
