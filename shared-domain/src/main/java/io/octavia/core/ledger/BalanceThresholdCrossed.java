package io.octavia.core.ledger;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.TenantId;

import org.springframework.modulith.events.Externalized;

/**
 * An entry moved a monitored balance across its monitor's threshold. Published in the
 * entry's transaction (through the outbox, to Kafka topic {@value EntryPosted#TOPIC}), so
 * notifications can alert on low balances.
 *
 * @param breached true when the balance moved onto the monitor's side of the threshold
 * (below it for {@code below}), false when it moved back
 * @param before the monitored balance before the entry
 * @param after the monitored balance after it
 */
@Externalized(EntryPosted.TOPIC)
public record BalanceThresholdCrossed(EventMetadata metadata, TenantId tenantId, LedgerId ledgerId, AccountId accountId,
		BalanceMonitorId monitorId, MonitoredBalance balance, MonitorCondition condition, long threshold,
		boolean breached, long before, long after, String currency, EntryId entryId) implements DomainEvent {

	@Override
	public String type() {
		return "ledger.balance.threshold_crossed";
	}

	@Override
	public String subject() {
		return accountId.toString();
	}

}
