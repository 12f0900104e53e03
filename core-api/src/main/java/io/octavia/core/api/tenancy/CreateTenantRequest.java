package io.octavia.core.api.tenancy;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import io.octavia.core.tenancy.CreateTenant;

/**
 * @param slug lower-case letters, digits and single hyphens, unique on the platform
 * @param defaultLocale en, de, fr, es or fa, optionally with a region (en-GB)
 * @param timeZone region id such as Europe/Berlin
 * @param defaultCurrency ISO 4217 code such as EUR
 * @param metadata free-form JSON object, at most 16 KiB
 */
record CreateTenantRequest(@Schema(example = "acme") @Nullable String slug,
		@Schema(example = "Acme GmbH") @Nullable String name, @Schema(example = "de") @Nullable String defaultLocale,
		@Schema(example = "Europe/Berlin") @Nullable String timeZone,
		@Schema(example = "EUR") @Nullable String defaultCurrency, @Nullable Map<String, Object> metadata) {

	// validation is the domain's: it reports every field at once
	CreateTenant toCommand() {
		return new CreateTenant(slug, name, defaultLocale, timeZone, defaultCurrency, metadata);
	}

}
