package io.octavia.core.admin.tenants;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.web.FormErrors;
import io.octavia.core.tenancy.CreateTenant;

/** The create-tenant form as the browser sends it; the domain validates. */
record TenantForm(@Nullable String slug, @Nullable String name, @Nullable String defaultLocale,
		@Nullable String timeZone, @Nullable String defaultCurrency) {

	/** What a new tenant starts with. */
	static TenantForm blank() {
		return new TenantForm(null, null, "en", "UTC", "EUR");
	}

	CreateTenant toCommand() {
		return new CreateTenant(text(slug), text(name), text(defaultLocale), text(timeZone), upper(defaultCurrency));
	}

	static FormErrors errors(DomainProblem problem) {
		return FormErrors.of(problem, Map.of("tenant_slug_taken", "slug"), Map.of());
	}

	private static @Nullable String upper(@Nullable String value) {
		String text = text(value);
		return (text != null) ? text.toUpperCase(java.util.Locale.ROOT) : null;
	}

	private static @Nullable String text(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String stripped = value.strip();
		return stripped.isEmpty() ? null : stripped;
	}

}
