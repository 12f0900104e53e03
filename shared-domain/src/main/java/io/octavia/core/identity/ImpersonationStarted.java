package io.octavia.core.identity;

import java.time.Instant;
import java.util.UUID;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/**
 * An operator started acting as a tenant's user; recorded in the platform's log and in
 * the tenant's, so the tenant sees who acted as whom and why.
 */
public record ImpersonationStarted(EventMetadata metadata, UUID impersonationId, UserId operatorId, UserId userId,
		TenantId tenantId, String reason, Instant endsAt) implements DomainEvent {

	@Override
	public String type() {
		return "impersonation.started";
	}

	@Override
	public String subject() {
		return impersonationId.toString();
	}

}
