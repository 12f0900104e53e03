package io.octavia.core.platform;

/**
 * An event that leaves the process: published inside the transaction that caused it
 * (Spring Modulith's event publication registry is the outbox) and externalized to Kafka
 * as a CloudEvent whose {@code type} is {@link #type()}, keyed by tenant. Annotate an
 * event with {@code @Externalized("octavia.<context>")} to name its topic.
 */
public interface DomainEvent {

	EventMetadata metadata();

	/** CloudEvents type, e.g. {@code tenant.created}. */
	String type();

	/** CloudEvents subject: the id of the thing the event is about. */
	String subject();

}
