package io.octavia.core.platform;

import java.util.Optional;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * Who the current unit of work acts for. The gateway sets it from a verified credential;
 * jobs and event listeners set it from the event they handle. Every transaction begun
 * while it is set carries the tenant into PostgreSQL ({@code app.tenant_id}), where
 * row-level security filters every query; without it a tenant-owned table shows zero
 * rows.
 * <p>
 * It must be set before a transaction starts: the setting is applied at transaction
 * begin.
 */
public final class TenantContext {

	private static final ThreadLocal<@Nullable Scope> current = new ThreadLocal<>();

	private TenantContext() {
	}

	/**
	 * What a unit of work acts as.
	 *
	 * @param tenantId the tenant, or null for platform-level work
	 * @param brandId the resolved brand, if any
	 * @param userId the acting user, if any
	 * @param actor who acts: a user, an API key, a job ({@code system:...})
	 * @param crossTenantReason set only for audited operator work across tenants
	 */
	public record Scope(@Nullable TenantId tenantId, @Nullable BrandId brandId, @Nullable UserId userId, String actor,
			@Nullable String crossTenantReason) {

		public static Scope tenant(TenantId tenantId, String actor) {
			return new Scope(tenantId, null, null, actor, null);
		}

		/**
		 * The scope for a listener handling an event: the event's tenant, brand and user,
		 * so work done in reaction stays inside the tenant and keeps its cause. Bind it
		 * before the listener's transaction begins.
		 */
		public static Scope forEvent(EventMetadata event, String actor) {
			return new Scope(event.tenantId(), event.brandId(), event.userId(), actor, null);
		}

		public Scope withBrand(@Nullable BrandId brand) {
			return new Scope(tenantId, brand, userId, actor, crossTenantReason);
		}

		public Scope withUser(@Nullable UserId user) {
			return new Scope(tenantId, brandId, user, actor, crossTenantReason);
		}

		public boolean crossTenant() {
			return crossTenantReason != null;
		}

	}

	public static Optional<Scope> current() {
		return Optional.ofNullable(current.get());
	}

	public static Optional<TenantId> tenantId() {
		return current().map(Scope::tenantId);
	}

	public static TenantId requireTenant() {
		return tenantId().orElseThrow(() -> new DomainProblem(DomainProblem.Kind.FORBIDDEN, "tenant_required"));
	}

	/**
	 * Binds a scope to the calling thread until {@link #clear()}; used by request
	 * filters.
	 */
	public static void set(Scope scope) {
		current.set(scope);
	}

	public static void clear() {
		current.remove();
	}

	public static <T> T call(Scope scope, Callable<T> work) {
		Scope previous = current.get();
		current.set(scope);
		try {
			return work.call();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			if (previous == null) {
				current.remove();
			}
			else {
				current.set(previous);
			}
		}
	}

	public static void run(Scope scope, Runnable work) {
		call(scope, () -> {
			work.run();
			return null;
		});
	}

}
