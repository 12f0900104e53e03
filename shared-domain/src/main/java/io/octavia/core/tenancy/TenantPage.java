package io.octavia.core.tenancy;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of tenants.
 *
 * @param nextCursor opaque position after the last item, to ask for the next page; null
 * on the last page
 */
public record TenantPage(List<TenantDetails> items, @Nullable String nextCursor) {
}
