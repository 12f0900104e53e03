/**
 * Server: runtime wiring — embedded development infrastructure, roles, Kafka
 * externalization, observability and web configuration.
 */
@ApplicationModule(displayName = "Server")
@NullMarked
package io.octavia.core.server;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
