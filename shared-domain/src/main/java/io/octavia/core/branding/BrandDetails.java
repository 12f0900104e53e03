package io.octavia.core.branding;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;

/**
 * A brand as the rest of the platform sees it: its own attributes, without fallbacks (for
 * the resolved values see {@link BrandConfiguration}).
 *
 * @param defaultBrand whether this is the tenant's default brand (exactly one is)
 * @param hostnames lower-case host names, sorted
 * @param primaryColor {@code #rrggbb}, lower case
 * @param accentColor {@code #rrggbb}, lower case; null when unset
 * @param backgroundColor {@code #rrggbb}, lower case; null when unset
 * @param defaultLocale language tag; null when unset
 * @param supportedLocales language tags; empty when unset
 * @param logo null when the brand has none
 */
public record BrandDetails(BrandId id, TenantId tenantId, String slug, String name, boolean defaultBrand,
		List<String> hostnames, String primaryColor, Instant createdAt, Instant updatedAt, @Nullable String accentColor,
		@Nullable String backgroundColor, @Nullable String defaultLocale, List<String> supportedLocales,
		BrandSender sender, BrandLegal legal, BrandSupport support, @Nullable BrandLogoDetails logo) {
}
