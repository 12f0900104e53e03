package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/** A member of a tenant got another role. */
public record MemberRoleChanged(EventMetadata metadata, TenantId tenantId, UserId userId, TenantRole from,
		TenantRole to) implements DomainEvent {

	@Override
	public String type() {
		return "member.role_changed";
	}

	@Override
	public String subject() {
		return userId.toString();
	}

}
