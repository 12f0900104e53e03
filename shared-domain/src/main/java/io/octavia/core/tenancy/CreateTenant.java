package io.octavia.core.tenancy;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Creates a tenant. Locale, time zone and currency are checked by
 * {@link TenantManagement#create} (supported language, known zone, ISO 4217 code), as is
 * the size of {@code metadata} (at most
 * {@value io.octavia.core.platform.Metadata#MAX_BYTES} bytes of JSON).
 *
 * @param slug lower-case letters, digits and single hyphens, unique on the platform
 * @param defaultLocale BCP 47 tag of a supported language, e.g. {@code de} or
 * {@code en-GB}
 * @param timeZone region id, e.g. {@code Europe/Berlin}
 * @param defaultCurrency ISO 4217 code, e.g. {@code EUR}
 * @param metadata free-form JSON object for integrations; null means empty
 */
public record CreateTenant(
		@NotNull(message = "{api.field.required}") @Size(min = 3, max = 63, message = "{api.field.slug}") @Pattern(
				regexp = CreateTenant.SLUG, message = "{api.field.slug}") String slug,
		@NotBlank(message = "{api.field.required}") @Size(max = 200, message = "{api.field.name}") String name,
		@NotBlank(message = "{api.field.required}") String defaultLocale,
		@NotBlank(message = "{api.field.required}") String timeZone,
		@NotBlank(message = "{api.field.required}") String defaultCurrency, @Nullable Map<String, Object> metadata) {

	/** A slug: lower-case alphanumerics separated by single hyphens. */
	public static final String SLUG = "[a-z0-9](-?[a-z0-9])*";

	public CreateTenant(String slug, String name, String defaultLocale, String timeZone, String defaultCurrency) {
		this(slug, name, defaultLocale, timeZone, defaultCurrency, null);
	}

}
