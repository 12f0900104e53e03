/**
 * Identity: a bounded context of Octavia Core. Its public API lives in this package, its
 * implementation in {@code internal} sub-packages.
 */
@ApplicationModule(displayName = "Identity")
@NullMarked
package io.octavia.core.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
