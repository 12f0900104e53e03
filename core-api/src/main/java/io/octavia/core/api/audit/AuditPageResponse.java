package io.octavia.core.api.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.octavia.core.audit.AuditPage;

/**
 * A page of audit records, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
record AuditPageResponse(List<AuditRecordResponse> items, @Nullable String nextCursor) {

	static AuditPageResponse of(AuditPage page) {
		return new AuditPageResponse(page.records().stream().map(AuditRecordResponse::of).toList(), page.nextCursor());
	}

}
