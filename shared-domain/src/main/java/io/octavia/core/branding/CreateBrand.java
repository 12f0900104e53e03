package io.octavia.core.branding;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.CreateTenant;

/**
 * Adds a brand to a tenant. Hostnames are checked and normalized by
 * {@link BrandManagement#create} (lower case, IDN to ASCII).
 *
 * @param slug unique within the tenant
 * @param hostnames custom domains, unique across the platform; null means none
 * @param primaryColor {@code #rrggbb}; null means the platform's colour
 */
public record CreateBrand(@NotNull(message = "{api.field.required}") TenantId tenantId,
		@NotNull(message = "{api.field.required}") @Size(min = 3, max = 63, message = "{api.field.slug}") @Pattern(
				regexp = CreateTenant.SLUG, message = "{api.field.slug}") String slug,
		@NotBlank(message = "{api.field.required}") @Size(max = 200, message = "{api.field.name}") String name,
		@Nullable @Size(max = BrandManagement.MAX_HOSTNAMES,
				message = "{api.field.brand.hostnames_size}") List<String> hostnames,
		@Nullable @Pattern(regexp = "#[0-9a-fA-F]{6}",
				message = "{api.field.brand.primary_color}") String primaryColor) {

	public CreateBrand(TenantId tenantId, String slug, String name) {
		this(tenantId, slug, name, null, null);
	}

}
