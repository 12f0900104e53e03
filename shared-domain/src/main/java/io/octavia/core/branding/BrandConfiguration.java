package io.octavia.core.branding;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;

/**
 * Everything that makes messages, invoices and consoles look and sound like a brand, each
 * value resolved along the chain <em>brand → tenant → platform defaults</em>: the brand's
 * own value, else the tenant's (its default brand's value, then — for names and the
 * language — the tenant's own settings), else the platform default
 * ({@code octavia.branding.defaults.*}).
 *
 * @param name the brand's name
 * @param logoUrl path of the logo to show ({@code /brand-assets/<brand>/logo?v=<digest>},
 * possibly of the default brand), the platform's logo URL, or null when there is none
 * @param defaultLocale always one of {@code supportedLocales}
 * @param sender {@code fromName} and {@code fromEmail} always set
 * @param legal {@code legalName} always set
 */
public record BrandConfiguration(BrandId brandId, TenantId tenantId, String name, Colors colors,
		@Nullable String logoUrl, Locale defaultLocale, List<Locale> supportedLocales, BrandSender sender,
		BrandLegal legal, BrandSupport support) {

	/**
	 * Theme colours ({@code #rrggbb}) with the text colour readable on each
	 * ({@link Contrast#readableOn}).
	 */
	public record Colors(String primary, String onPrimary, String accent, String onAccent, String background,
			String onBackground) {

		public static Colors of(String primary, String accent, String background) {
			return new Colors(primary, Contrast.readableOn(primary), accent, Contrast.readableOn(accent), background,
					Contrast.readableOn(background));
		}

	}

}
