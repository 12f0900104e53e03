/**
 * Notifications: a bounded context of Octavia Core. Its public API lives in this package,
 * its implementation in {@code internal} sub-packages.
 */
@ApplicationModule(displayName = "Notifications")
@NullMarked
package io.octavia.core.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
