package io.octavia.core.apikeys;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/**
 * A key was revoked, by the tenant or by an operator in an emergency ({@code emergency});
 * every node refuses it within a second.
 */
@Externalized(ApiKeyCreated.TOPIC)
public record ApiKeyRevoked(EventMetadata metadata, TenantId tenantId, String keyId,
		boolean emergency) implements DomainEvent {

	@Override
	public String type() {
		return "api_key.revoked";
	}

	@Override
	public String subject() {
		return keyId;
	}

}
