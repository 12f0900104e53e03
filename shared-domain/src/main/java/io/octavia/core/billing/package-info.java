/**
 * Billing: a bounded context of Octavia Core. Its public API lives in this package, its
 * implementation in {@code internal} sub-packages.
 */
@ApplicationModule(displayName = "Billing")
@NullMarked
package io.octavia.core.billing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
