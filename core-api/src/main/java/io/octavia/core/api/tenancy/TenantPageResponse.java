package io.octavia.core.api.tenancy;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.octavia.core.tenancy.TenantPage;

/**
 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
 */
record TenantPageResponse(List<TenantResponse> items, @Nullable String nextCursor) {

	static TenantPageResponse of(TenantPage page) {
		return new TenantPageResponse(page.items().stream().map(TenantResponse::of).toList(), page.nextCursor());
	}

}
