package io.octavia.core.api.tenancy;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.tenancy.UpdateTenant;

/**
 * The settings of a tenant that can change, as a PATCH (JSON Merge Patch) sees them: send
 * only what changes; {@code metadata} merges key by key ({@code null} removes a key).
 */
record TenantSettingsRequest(@Nullable String name, @Nullable String defaultLocale, @Nullable String timeZone,
		@Nullable String defaultCurrency, @Nullable Map<String, Object> metadata) {

	static TenantSettingsRequest of(UpdateTenant settings) {
		return new TenantSettingsRequest(settings.name(), settings.defaultLocale(), settings.timeZone(),
				settings.defaultCurrency(), settings.metadata());
	}

	// validation is the domain's: it reports every field at once
	UpdateTenant toCommand() {
		return new UpdateTenant(name, defaultLocale, timeZone, defaultCurrency, metadata);
	}

}
