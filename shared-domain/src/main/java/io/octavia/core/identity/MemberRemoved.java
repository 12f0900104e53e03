package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/** A member left a tenant (or was removed); the account stays. */
public record MemberRemoved(EventMetadata metadata, TenantId tenantId, UserId userId,
		TenantRole role) implements DomainEvent {

	@Override
	public String type() {
		return "member.removed";
	}

	@Override
	public String subject() {
		return userId.toString();
	}

}
