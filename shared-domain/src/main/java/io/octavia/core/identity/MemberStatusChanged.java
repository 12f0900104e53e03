package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/** A membership was disabled or enabled again in its tenant. */
public record MemberStatusChanged(EventMetadata metadata, TenantId tenantId, UserId userId,
		UserStatus status) implements DomainEvent {

	@Override
	public String type() {
		return (status == UserStatus.ACTIVE) ? "member.enabled" : "member.disabled";
	}

	@Override
	public String subject() {
		return userId.toString();
	}

}
