/**
 * API keys: a bounded context of Octavia Core. Its public API lives in this package, its
 * implementation in {@code internal} sub-packages.
 */
@ApplicationModule(displayName = "API keys")
@NullMarked
package io.octavia.core.apikeys;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
