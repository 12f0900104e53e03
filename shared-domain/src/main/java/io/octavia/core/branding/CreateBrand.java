package io.octavia.core.branding;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;

/**
 * Adds a brand to a tenant. Hostnames are checked and normalized by
 * {@link BrandManagement#create} (lower case, IDN to ASCII), as are the locales. Every
 * attribute after {@code primaryColor} is optional: unset, the brand configuration takes
 * it from the tenant's default brand, the tenant or the platform defaults.
 *
 * @param slug unique within the tenant
 * @param hostnames custom domains, unique across the platform; null means none
 * @param primaryColor {@code #rrggbb}; null means the platform's colour
 * @param accentColor {@code #rrggbb}
 * @param backgroundColor {@code #rrggbb}
 * @param defaultLocale one of {@code en}, {@code de}, {@code fr}, {@code es}, {@code fa};
 * must be among {@code supportedLocales} when both are set
 * @param supportedLocales some of {@code en}, {@code de}, {@code fr}, {@code es},
 * {@code fa}; null or empty means unset
 */
public record CreateBrand(@NotNull(message = "{api.field.required}") TenantId tenantId,
		@NotNull(message = "{api.field.required}") @Size(min = 3, max = 63, message = "{api.field.slug}") @Pattern(
				regexp = CreateTenant.SLUG, message = "{api.field.slug}") String slug,
		@NotBlank(message = "{api.field.required}") @Size(max = 200, message = "{api.field.name}") String name,
		@Nullable @Size(max = BrandManagement.MAX_HOSTNAMES,
				message = "{api.field.brand.hostnames_size}") List<String> hostnames,
		@Nullable @Pattern(regexp = BrandManagement.COLOR,
				message = "{api.field.brand.primary_color}") String primaryColor,
		@Nullable @Pattern(regexp = BrandManagement.COLOR,
				message = "{api.field.brand.primary_color}") String accentColor,
		@Nullable @Pattern(regexp = BrandManagement.COLOR,
				message = "{api.field.brand.primary_color}") String backgroundColor,
		@Nullable String defaultLocale, @Nullable List<String> supportedLocales, @Nullable @Valid BrandSender sender,
		@Nullable @Valid BrandLegal legal, @Nullable @Valid BrandSupport support) {

	public CreateBrand(TenantId tenantId, String slug, String name) {
		this(tenantId, slug, name, null, null);
	}

	public CreateBrand(TenantId tenantId, String slug, String name, @Nullable List<String> hostnames,
			@Nullable String primaryColor) {
		this(tenantId, slug, name, hostnames, primaryColor, null, null, null, null, null, null, null);
	}

}
