package io.octavia.core.ledger;

import java.util.List;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/**
 * A pending entry was voided, on request or because its timeout passed: its reserved
 * amounts are released.
 *
 * @param voidEntryId the entry that voided it
 * @param timedOut true when the timeout voided it
 */
@Externalized(EntryPosted.TOPIC)
public record EntryVoided(EventMetadata metadata, TenantId tenantId, LedgerId ledgerId, EntryId pendingEntryId,
		EntryId voidEntryId, long seq, boolean timedOut, List<Balance> balances) implements DomainEvent {

	@Override
	public String type() {
		return "ledger.entry.voided";
	}

	@Override
	public String subject() {
		return pendingEntryId.toString();
	}

}
