package io.octavia.core.ledger;

import java.util.List;

/** Up to {@value #MAX_ENTRIES} entries in one request. */
public record BulkPost(List<PostEntry> entries, BulkMode mode) {

	public static final int MAX_ENTRIES = 1000;

}
