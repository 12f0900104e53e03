/**
 * Platform: the shared kernel every bounded context builds on — identifiers, the tenant
 * context that drives PostgreSQL row-level security, domain events and their metadata,
 * localized problems, idempotency and console contributions.
 */
@ApplicationModule(displayName = "Platform", type = ApplicationModule.Type.OPEN)
@NullMarked
package io.octavia.core.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
