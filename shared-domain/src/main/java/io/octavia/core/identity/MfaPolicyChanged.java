package io.octavia.core.identity;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

/** A tenant started or stopped requiring a second factor of its users. */
public record MfaPolicyChanged(EventMetadata metadata, TenantId tenantId, boolean mfaRequired) implements DomainEvent {

	@Override
	public String type() {
		return "tenant.mfa_policy_changed";
	}

	@Override
	public String subject() {
		return tenantId.toString();
	}

}
