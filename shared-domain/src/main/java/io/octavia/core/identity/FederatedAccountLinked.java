package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

/**
 * An identity at a tenant's external provider was linked to an account at its first
 * sign-in; later sign-ins with the same subject are this account.
 *
 * @param accountCreated whether the account was created for it (else it existed)
 */
public record FederatedAccountLinked(EventMetadata metadata, TenantId tenantId, UserId userId, String issuer,
		String subject, boolean accountCreated) implements DomainEvent {

	@Override
	public String type() {
		return "member.federated_account_linked";
	}

	@Override
	public String subject() {
		return userId.toString();
	}

}
