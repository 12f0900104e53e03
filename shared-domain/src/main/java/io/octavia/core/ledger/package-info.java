/**
 * Ledger: a bounded context of Octavia Core. Its public API lives in this package, its
 * implementation in {@code internal} sub-packages.
 */
@ApplicationModule(displayName = "Ledger")
@NullMarked
package io.octavia.core.ledger;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
