package io.octavia.core.tenancy;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a tenant, as a whole: {@link TenantManagement#update} replaces them.
 * The API's PATCH merges the caller's changes into {@link #of the current settings}
 * first. Locale, time zone, currency and the size of {@code metadata} are checked as in
 * {@link CreateTenant}; the slug never changes.
 *
 * @param metadata free-form JSON object; null means empty
 */
public record UpdateTenant(
		@NotBlank(message = "{api.field.required}") @Size(max = 200, message = "{api.field.name}") String name,
		@NotBlank(message = "{api.field.required}") String defaultLocale,
		@NotBlank(message = "{api.field.required}") String timeZone,
		@NotBlank(message = "{api.field.required}") String defaultCurrency, @Nullable Map<String, Object> metadata) {

	/** The current settings of a tenant, to change some of them. */
	public static UpdateTenant of(TenantDetails tenant) {
		return new UpdateTenant(tenant.name(), tenant.defaultLocale().toLanguageTag(), tenant.timeZone().getId(),
				tenant.defaultCurrency().getCurrencyCode(), tenant.metadata());
	}

}
