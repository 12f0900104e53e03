package io.octavia.core.tenancy;

import java.time.Instant;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/**
 * The retention period of a closed tenant is over: every module deletes its rows of the
 * tenant when it sees this (idempotently: the outbox may deliver it again). The tenancy
 * module keeps only a tombstone of the tenant (id, slug, status, timestamps).
 */
@Externalized(TenantCreated.TOPIC)
public record TenantPurged(EventMetadata metadata, TenantId tenantId, Instant closedAt,
		Instant purgedAt) implements DomainEvent {

	@Override
	public String type() {
		return "tenant.purged";
	}

	@Override
	public String subject() {
		return tenantId.toString();
	}

}
