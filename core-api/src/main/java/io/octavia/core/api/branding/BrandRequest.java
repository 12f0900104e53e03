package io.octavia.core.api.branding;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandLegal;
import io.octavia.core.branding.BrandSender;
import io.octavia.core.branding.BrandSupport;
import io.octavia.core.branding.CreateBrand;
import io.octavia.core.branding.UpdateBrand;
import io.octavia.core.platform.TenantId;

/**
 * A brand's attributes, for POST (all at once) and PATCH (JSON Merge Patch: only what
 * changes; {@code null} unsets an optional attribute, which then falls back to the
 * tenant's or the platform's value). The tenant is never part of the body: it comes from
 * the credential or, for operators, from the path.
 *
 * @param slug unique within the tenant
 * @param hostnames custom domains, unique across the platform
 * @param primaryColor {@code #rrggbb}
 * @param defaultLocale en, de, fr, es or fa; one of supportedLocales when both are set
 * @param supportedLocales some of en, de, fr, es, fa
 */
record BrandRequest(@Schema(example = "shop") @Nullable String slug,
		@Schema(example = "Acme Shop") @Nullable String name, @Nullable List<String> hostnames,
		@Schema(example = "#4f46e5") @Nullable String primaryColor,
		@Schema(example = "#0ea5e9") @Nullable String accentColor,
		@Schema(example = "#ffffff") @Nullable String backgroundColor,
		@Schema(example = "de") @Nullable String defaultLocale, @Nullable List<String> supportedLocales,
		@Nullable BrandSender sender, @Nullable BrandLegal legal, @Nullable BrandSupport support) {

	static BrandRequest of(UpdateBrand brand) {
		return new BrandRequest(brand.slug(), brand.name(), brand.hostnames(), brand.primaryColor(),
				brand.accentColor(), brand.backgroundColor(), brand.defaultLocale(), brand.supportedLocales(),
				brand.sender(), brand.legal(), brand.support());
	}

	// validation is the domain's: it reports every field at once
	CreateBrand toCommand(TenantId tenantId) {
		return new CreateBrand(tenantId, slug, name, hostnames, primaryColor, accentColor, backgroundColor,
				defaultLocale, supportedLocales, sender, legal, support);
	}

	UpdateBrand toUpdate() {
		return new UpdateBrand(slug, name, hostnames, primaryColor, accentColor, backgroundColor, defaultLocale,
				supportedLocales, sender, legal, support);
	}

}
