package io.octavia.core.portal.settings;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.octavia.core.tenancy.TenantDetails;
import io.octavia.core.tenancy.UpdateTenant;

/** The tenant's settings form as the browser sends it; the domain validates. */
record TenantSettingsForm(@Nullable String name, @Nullable String defaultLocale, @Nullable String timeZone,
		@Nullable String defaultCurrency) {

	static TenantSettingsForm of(TenantDetails tenant) {
		return new TenantSettingsForm(tenant.name(), tenant.defaultLocale().toLanguageTag(), tenant.timeZone().getId(),
				tenant.defaultCurrency().getCurrencyCode());
	}

	/** The new settings; metadata is not edited here and stays as it is. */
	UpdateTenant toUpdate(UpdateTenant current) {
		String currency = text(defaultCurrency);
		return new UpdateTenant(text(name), text(defaultLocale), text(timeZone),
				(currency != null) ? currency.toUpperCase(Locale.ROOT) : null, current.metadata());
	}

	private static @Nullable String text(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String stripped = value.strip();
		return stripped.isEmpty() ? null : stripped;
	}

}
