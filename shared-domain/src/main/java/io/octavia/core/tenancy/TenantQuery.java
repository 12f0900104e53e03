package io.octavia.core.tenancy;

import org.jspecify.annotations.Nullable;

/**
 * What an operator looks for among all tenants. Results come in a stable order (oldest
 * first, ties broken by id), a page at a time.
 *
 * @param prefix start of the slug or (ignoring case) of the name; null or blank for all
 * @param status only tenants in this status; null for all
 * @param cursor where the previous page ended ({@link TenantPage#nextCursor()}); null for
 * the first page
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 */
public record TenantQuery(@Nullable String prefix, @Nullable TenantStatus status, @Nullable String cursor, int limit) {

	public static final int MAX_LIMIT = 100;

	public static final int DEFAULT_LIMIT = 20;

}
