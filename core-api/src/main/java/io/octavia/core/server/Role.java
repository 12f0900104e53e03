package io.octavia.core.server;

/**
 * What a node of the one artifact does ({@code octavia.roles}, default all): serve the
 * JSON API, serve the consoles, or run background work (outbox resubmission, Kafka
 * consumers, scheduled jobs). Separate deployments of the same jar scale each
 * independently.
 */
public enum Role {

	API, CONSOLE, WORKER

}
