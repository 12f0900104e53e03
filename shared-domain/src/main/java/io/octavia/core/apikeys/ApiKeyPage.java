package io.octavia.core.apikeys;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** One page of a tenant's keys, oldest first; {@code nextCursor} is null on the last. */
public record ApiKeyPage(List<ApiKey> items, @Nullable String nextCursor) {
}
