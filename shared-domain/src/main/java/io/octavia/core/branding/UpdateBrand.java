package io.octavia.core.branding;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import io.octavia.core.tenancy.CreateTenant;

/**
 * The attributes of a brand, as a whole: {@link BrandManagement#update} replaces them
 * (the API's PATCH merges the caller's changes into {@link #of the current ones} first).
 * Rules as in {@link CreateBrand}; optional attributes left null are unset and come from
 * the fallbacks of the brand configuration.
 *
 * @param hostnames null or empty: none
 */
public record UpdateBrand(
		@NotNull(message = "{api.field.required}") @Size(min = 3, max = 63, message = "{api.field.slug}") @Pattern(
				regexp = CreateTenant.SLUG, message = "{api.field.slug}") String slug,
		@NotBlank(message = "{api.field.required}") @Size(max = 200, message = "{api.field.name}") String name,
		@Nullable @Size(max = BrandManagement.MAX_HOSTNAMES,
				message = "{api.field.brand.hostnames_size}") List<String> hostnames,
		@NotNull(message = "{api.field.required}") @Pattern(regexp = BrandManagement.COLOR,
				message = "{api.field.brand.primary_color}") String primaryColor,
		@Nullable @Pattern(regexp = BrandManagement.COLOR,
				message = "{api.field.brand.primary_color}") String accentColor,
		@Nullable @Pattern(regexp = BrandManagement.COLOR,
				message = "{api.field.brand.primary_color}") String backgroundColor,
		@Nullable String defaultLocale, @Nullable List<String> supportedLocales, @Nullable @Valid BrandSender sender,
		@Nullable @Valid BrandLegal legal, @Nullable @Valid BrandSupport support) {

	/** The current attributes of a brand, to change some of them. */
	public static UpdateBrand of(BrandDetails brand) {
		return new UpdateBrand(brand.slug(), brand.name(), brand.hostnames(), brand.primaryColor(), brand.accentColor(),
				brand.backgroundColor(), brand.defaultLocale(), brand.supportedLocales(), brand.sender(), brand.legal(),
				brand.support());
	}

}
