package io.octavia.core.api.audit;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.audit.ChainVerification;
import io.octavia.core.platform.TenantId;

/**
 * The outcome of recomputing a log's hash chain.
 *
 * @param intact whether every sealed record is unchanged, in place and linked
 * @param sealedRecords records in the chain
 * @param pendingRecords records not sealed yet; they join the chain within seconds
 * @param headHash hex hash of the last record when intact: keep it elsewhere and compare
 * later, so a rewritten chain shows too
 * @param firstBrokenLink where the chain first breaks; null when intact
 */
record ChainVerificationResponse(TenantId tenantId, boolean intact, long sealedRecords, long pendingRecords,
		@Nullable String headHash, @Nullable BrokenLink firstBrokenLink, Instant verifiedAt) {

	/**
	 * @param position chain position, from 1
	 * @param recordId the record there; null when it is missing
	 * @param defect {@code content_changed}, {@code link_broken}, {@code record_missing}
	 * or {@code head_mismatch}
	 */
	record BrokenLink(long position, @Nullable UUID recordId, String defect) {
	}

	static ChainVerificationResponse of(ChainVerification verification) {
		ChainVerification.BrokenLink broken = verification.firstBrokenLink();
		return new ChainVerificationResponse(verification.tenantId(), verification.intact(),
				verification.sealedRecords(), verification.pendingRecords(), verification.headHash(),
				(broken != null) ? new BrokenLink(broken.position(), broken.recordId(),
						broken.defect().name().toLowerCase(Locale.ROOT)) : null,
				verification.verifiedAt());
	}

}
