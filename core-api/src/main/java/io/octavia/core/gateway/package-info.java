/**
 * Gateway: authenticates every API and console request, resolves tenant, brand and user,
 * and enforces isolation.
 */
@ApplicationModule(displayName = "Gateway")
@NullMarked
package io.octavia.core.gateway;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
