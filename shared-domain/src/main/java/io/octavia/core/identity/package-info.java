/**
 * Identity: user accounts — global identities, not owned by a tenant — and the platform
 * roles of operators. Its public API lives in this package, its implementation in
 * {@code internal}.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = "platform")
@NullMarked
package io.octavia.core.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
