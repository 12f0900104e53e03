package io.octavia.core.apikeys;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/** A tenant started or stopped requiring signed requests for all its keys. */
@Externalized(ApiKeyCreated.TOPIC)
public record ApiKeyPolicyChanged(EventMetadata metadata, TenantId tenantId,
		boolean requireSignatures) implements DomainEvent {

	@Override
	public String type() {
		return "api_key.policy_changed";
	}

	@Override
	public String subject() {
		return tenantId.toString();
	}

}
