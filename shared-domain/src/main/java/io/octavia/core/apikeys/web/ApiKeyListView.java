package io.octavia.core.apikeys.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.web.ConsoleLinks;

/**
 * One page of a tenant's keys, oldest first, and the link to the next page.
 *
 * @param moreUrl the list's URL for the next page; null on the last
 */
public record ApiKeyListView(List<ApiKeyRow> rows, @Nullable String moreUrl) {

	/** Keys a console shows at a time. */
	public static final int PAGE_SIZE = 25;

	public static ApiKeyListView of(List<ApiKeyRow> rows, @Nullable String nextCursor, String url) {
		return new ApiKeyListView(rows,
				(nextCursor != null) ? ConsoleLinks.withQuery(url, Map.of("cursor", nextCursor)) : null);
	}

}
