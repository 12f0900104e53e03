package io.octavia.core.api.branding;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandConfiguration;
import io.octavia.core.branding.BrandLegal;
import io.octavia.core.branding.BrandSender;
import io.octavia.core.branding.BrandSupport;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;

/**
 * A brand's effective configuration: each value the brand's own, else its tenant's (the
 * default brand's value, then the tenant's name and language), else the platform default.
 *
 * @param colors theme colours with the readable text colour on each ({@code on*}: black
 * or white, whichever contrasts more by WCAG)
 * @param logoUrl the logo to show, possibly the default brand's or the platform's
 */
record BrandConfigurationResponse(BrandId brandId, TenantId tenantId, String name, BrandConfiguration.Colors colors,
		@Nullable String logoUrl, String defaultLocale, List<String> supportedLocales, BrandSender sender,
		BrandLegal legal, BrandSupport support) {

	static BrandConfigurationResponse of(BrandConfiguration configuration) {
		return new BrandConfigurationResponse(configuration.brandId(), configuration.tenantId(), configuration.name(),
				configuration.colors(), configuration.logoUrl(), configuration.defaultLocale().toLanguageTag(),
				configuration.supportedLocales().stream().map(Locale::toLanguageTag).toList(), configuration.sender(),
				configuration.legal(), configuration.support());
	}

}
