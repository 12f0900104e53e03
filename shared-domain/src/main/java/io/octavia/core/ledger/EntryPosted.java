package io.octavia.core.ledger;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/**
 * An entry was written that moves money or reserves it: a standard entry, a pending entry
 * or the posting of one. Carries the touched accounts' new balances, so consumers
 * (balance monitors, notifications) need not ask.
 */
@Externalized(EntryPosted.TOPIC)
public record EntryPosted(EventMetadata metadata, TenantId tenantId, LedgerId ledgerId, EntryId entryId, long seq,
		EntryKind kind, @Nullable EntryId pendingEntryId, @Nullable EntryId reversesEntryId, Instant effectiveAt,
		@Nullable String externalReference, List<Balance> balances) implements DomainEvent {

	/** The Kafka topic of the ledger's events. */
	public static final String TOPIC = "octavia.ledger";

	@Override
	public String type() {
		return "ledger.entry.posted";
	}

	@Override
	public String subject() {
		return entryId.toString();
	}

}
