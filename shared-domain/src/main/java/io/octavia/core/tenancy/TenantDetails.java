package io.octavia.core.tenancy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.TenantId;

/** A tenant as the rest of the platform sees it. */
public record TenantDetails(TenantId id, String slug, String name, TenantStatus status, Locale defaultLocale,
		ZoneId timeZone, Currency defaultCurrency, Map<String, Object> metadata, Instant createdAt, Instant updatedAt,
		@Nullable Instant closedAt) {
}
