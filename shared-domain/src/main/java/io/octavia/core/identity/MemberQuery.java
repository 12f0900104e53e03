package io.octavia.core.identity;

import org.jspecify.annotations.Nullable;

/**
 * Which members of the current tenant to list: oldest first, a page at a time.
 *
 * @param cursor {@link MemberPage#nextCursor()} of the previous page
 */
public record MemberQuery(@Nullable TenantRole role, @Nullable UserStatus status, @Nullable String cursor, int limit) {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 100;

}
