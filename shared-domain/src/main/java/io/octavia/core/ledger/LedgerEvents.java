package io.octavia.core.ledger;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.octavia.core.platform.DomainEvent;
import io.octavia.core.platform.DomainEventBatch;

/**
 * The events of one ledger write (an entry, a bulk, or the entries written together by
 * group commit): {@link EntryPosted}, {@link EntryVoided} and
 * {@link BalanceThresholdCrossed}, in the order they happened. Stored in the outbox as
 * one publication (named by type, so an incomplete one can be read back and resent) and
 * sent to Kafka topic {@value EntryPosted#TOPIC} as one record per event.
 */
public record LedgerEvents(@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@event") @JsonSubTypes( {
		@JsonSubTypes.Type(value = EntryPosted.class, name = "ledger.entry.posted"),
		@JsonSubTypes.Type(value = EntryVoided.class, name = "ledger.entry.voided"),
		@JsonSubTypes.Type(value = BalanceThresholdCrossed.class,
				name = "ledger.balance.threshold_crossed") }) List<DomainEvent> events)
		implements
			DomainEventBatch{

	public LedgerEvents {
		events = List.copyOf(events);
	}

}
