package io.octavia.core.apikeys;

import java.util.Set;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/** A key was created (never carries the key or its secrets). */
@Externalized(ApiKeyCreated.TOPIC)
public record ApiKeyCreated(EventMetadata metadata, TenantId tenantId, String keyId, String name,
		Set<String> scopes) implements DomainEvent {

	/** The Kafka topic of the API-key lifecycle events. */
	public static final String TOPIC = "octavia.apikeys";

	@Override
	public String type() {
		return "api_key.created";
	}

	@Override
	public String subject() {
		return keyId;
	}

}
