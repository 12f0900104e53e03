package io.octavia.core.api.branding;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.octavia.core.branding.BrandDetails;
import io.octavia.core.branding.BrandLegal;
import io.octavia.core.branding.BrandLogoDetails;
import io.octavia.core.branding.BrandManagement;
import io.octavia.core.branding.BrandSender;
import io.octavia.core.branding.BrandSupport;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;

/**
 * A brand's own attributes; unset ones are null (their effective values are in the
 * brand's configuration).
 *
 * @param defaultBrand whether this is the tenant's default brand (exactly one is)
 */
record BrandResponse(BrandId id, TenantId tenantId, String slug, String name, boolean defaultBrand,
		List<String> hostnames, String primaryColor, @Nullable String accentColor, @Nullable String backgroundColor,
		@Nullable String defaultLocale, List<String> supportedLocales, BrandSender sender, BrandLegal legal,
		BrandSupport support, @Nullable Logo logo, Instant createdAt, Instant updatedAt) {

	/**
	 * @param url public address of the logo (for e-mails and sign-in pages)
	 * @param sha256 digest of the stored bytes, also the logo's entity tag
	 */
	record Logo(String contentType, int size, String sha256, String url, Instant updatedAt) {

		static @Nullable Logo of(BrandId brand, @Nullable BrandLogoDetails logo) {
			return (logo != null) ? new Logo(logo.contentType(), logo.size(), logo.sha256(),
					BrandManagement.LOGO_PATH.replace("{brandId}", brand.toString()), logo.updatedAt()) : null;
		}

	}

	static BrandResponse of(BrandDetails brand) {
		return new BrandResponse(brand.id(), brand.tenantId(), brand.slug(), brand.name(), brand.defaultBrand(),
				brand.hostnames(), brand.primaryColor(), brand.accentColor(), brand.backgroundColor(),
				brand.defaultLocale(), brand.supportedLocales(), brand.sender(), brand.legal(), brand.support(),
				Logo.of(brand.id(), brand.logo()), brand.createdAt(), brand.updatedAt());
	}

}
