package io.octavia.core.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.TenantId;

/**
 * The outcome of recomputing a log's hash chain.
 *
 * @param intact whether every sealed record is unchanged, in place and linked
 * @param sealedRecords records in the chain
 * @param pendingRecords records not sealed yet (the sealer adds them shortly)
 * @param firstBrokenLink where the chain first breaks; null when intact
 * @param headHash hex hash of the last sealed record, to keep elsewhere and compare
 * later; null for an empty or a broken chain
 */
public record ChainVerification(TenantId tenantId, boolean intact, long sealedRecords, long pendingRecords,
		@Nullable BrokenLink firstBrokenLink, @Nullable String headHash, Instant verifiedAt) {

	/**
	 * Where a chain breaks.
	 *
	 * @param position the chain position (from 1)
	 * @param recordId the record at that position; null when it is missing
	 */
	public record BrokenLink(long position, @Nullable UUID recordId, ChainDefect defect) {
	}

}
