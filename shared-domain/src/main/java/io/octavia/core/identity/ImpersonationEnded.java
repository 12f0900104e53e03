package io.octavia.core.identity;

import java.util.UUID;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/** An impersonation was ended before its time. */
public record ImpersonationEnded(EventMetadata metadata, UUID impersonationId, UserId operatorId, UserId userId,
		TenantId tenantId) implements DomainEvent {

	@Override
	public String type() {
		return "impersonation.ended";
	}

	@Override
	public String subject() {
		return impersonationId.toString();
	}

}
