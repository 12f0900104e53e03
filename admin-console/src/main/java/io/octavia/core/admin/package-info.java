/**
 * Operator console: the pages operators use to run the platform, mounted at /admin.
 * Modules add navigation entries and dashboard panels as
 * {@link io.octavia.core.platform.web.ConsoleContribution} beans.
 */
@ApplicationModule(displayName = "Operator console")
@NullMarked
package io.octavia.core.admin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
