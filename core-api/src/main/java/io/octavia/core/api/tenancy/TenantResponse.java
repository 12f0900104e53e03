package io.octavia.core.api.tenancy;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.TenantId;
import io.octavia.core.tenancy.TenantDetails;

/**
 * @param status provisioning, active, suspended, closed or purged
 * @param closedAt when the tenant was closed; its data is purged after the retention
 * period
 */
record TenantResponse(TenantId id, String slug, String name, @Schema(allowableValues = {
		"provisioning", "active", "suspended", "closed", "purged" }) String status, String defaultLocale,
		String timeZone, String defaultCurrency, Map<String, Object> metadata, Instant createdAt, Instant updatedAt,
		@Nullable Instant closedAt){

	static TenantResponse of(TenantDetails tenant) {
		return new TenantResponse(tenant.id(), tenant.slug(), tenant.name(), tenant.status().value(),
				tenant.defaultLocale().toLanguageTag(), tenant.timeZone().getId(),
				tenant.defaultCurrency().getCurrencyCode(), tenant.metadata(), tenant.createdAt(), tenant.updatedAt(),
				tenant.closedAt());
	}

}
