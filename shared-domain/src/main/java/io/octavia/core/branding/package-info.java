/**
 * Branding: a bounded context of Octavia Core. Its public API lives in this package, its
 * implementation in {@code internal} sub-packages.
 */
@ApplicationModule(displayName = "Branding")
@NullMarked
package io.octavia.core.branding;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
