package io.octavia.core.apikeys;

import java.time.Instant;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/**
 * A key was replaced by a new one; the old key works until {@code oldKeyExpiresAt}.
 */
@Externalized(ApiKeyCreated.TOPIC)
public record ApiKeyRotated(EventMetadata metadata, TenantId tenantId, String keyId, String newKeyId,
		Instant oldKeyExpiresAt) implements DomainEvent {

	@Override
	public String type() {
		return "api_key.rotated";
	}

	@Override
	public String subject() {
		return keyId;
	}

}
