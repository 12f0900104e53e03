package io.octavia.core.tenancy.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.octavia.core.platform.DataConstraints;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;
import io.octavia.core.tenancy.ProvisioningStep;
import io.octavia.core.tenancy.TenantDetails;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
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

	Tenants(TenantRepository repository, ObjectProvider<ProvisioningStep> steps, JsonMapper json) {
		this.repository = repository;
		this.steps = steps;
		this.json = json;
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

	private TenantDetails details(Tenant tenant) {
		return new TenantDetails(tenant.id(), tenant.slug(), tenant.name(), tenant.status(),
				Locale.forLanguageTag(tenant.defaultLocale()), java.time.ZoneId.of(tenant.timeZone()),
				java.util.Currency.getInstance(tenant.defaultCurrency()), json.readValue(tenant.metadata(), METADATA),
				tenant.createdAt(), tenant.updatedAt(), tenant.closedAt());
	}

	static DomainProblem notFound(TenantId id) {
		return new DomainProblem(DomainProblem.Kind.NOT_FOUND, "tenant_not_found", id.toString());
	}

}
