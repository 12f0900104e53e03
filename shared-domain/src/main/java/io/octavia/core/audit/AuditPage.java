package io.octavia.core.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of audit records, newest first.
 *
 * @param nextCursor opaque position after the last record, to ask for the next page; null
 * on the last page
 */
public record AuditPage(List<AuditRecord> records, @Nullable String nextCursor) {
}
