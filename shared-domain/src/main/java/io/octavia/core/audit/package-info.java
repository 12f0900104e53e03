/**
 * Audit: a bounded context of Octavia Core. Its public API lives in this package, its
 * implementation in {@code internal} sub-packages.
 */
@ApplicationModule(displayName = "Audit")
@NullMarked
package io.octavia.core.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
