package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/**
 * A user signed in through the tenant's external identity provider with a verified
 * address of an allowed domain and became a member on the way.
 *
 * @param accountCreated whether the account was created too (it has no password)
 */
public record MemberJoinedJustInTime(EventMetadata metadata, TenantId tenantId, UserId userId, String email,
		TenantRole role, boolean accountCreated) implements DomainEvent {

	@Override
	public String type() {
		return "member.joined_just_in_time";
	}

	@Override
	public String subject() {
		return userId.toString();
	}

}
