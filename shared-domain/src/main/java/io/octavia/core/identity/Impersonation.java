package io.octavia.core.identity;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/**
 * An operator acting as a tenant's user, for a reason, until {@code endsAt} or until
 * ended earlier.
 *
 * @param userName the display name of the user acted as, for the banner
 * @param endedAt when it was ended before its time; null otherwise
 */
public record Impersonation(UUID id, UserId operatorId, UserId userId, String userName, TenantId tenantId,
		String reason, Instant startedAt, Instant endsAt, @Nullable Instant endedAt) {

	public boolean activeAt(Instant now) {
		return endedAt == null && now.isBefore(endsAt);
	}

	/** How logs and audit records name whoever acts during it. */
	public String actor() {
		return "support:" + operatorId + " as user:" + userId;
	}

}
