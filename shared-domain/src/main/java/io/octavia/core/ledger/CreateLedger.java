package io.octavia.core.ledger;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Creates a ledger of the current tenant.
 *
 * @param code unique per tenant: lower-case letters, digits, {@code _ . -}, up to 63
 * @param currencies the currency policy: ISO 4217 codes its accounts may use; empty or
 * null for any
 * @param metadata free-form JSON object; null means empty
 */
public record CreateLedger(String code, String name, @Nullable List<String> currencies,
		@Nullable Map<String, Object> metadata) {
}
