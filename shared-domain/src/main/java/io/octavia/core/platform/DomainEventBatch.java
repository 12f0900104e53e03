package io.octavia.core.platform;

import java.util.List;

/**
 * Several {@link DomainEvent}s of one transaction stored as one outbox publication and
 * sent to Kafka as one record each, in order, once the transaction committed. For writers
 * that emit an event per row of a batch (the ledger's bulk and group-committed entries):
 * one publication per transaction instead of one per event saves two outbox updates and a
 * transaction per event, and consumers see the same records as if each had been published
 * alone.
 */
public interface DomainEventBatch {

	List<? extends DomainEvent> events();

}
