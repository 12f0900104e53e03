/**
 * API: the versioned JSON API under /api/v1 and its RFC 9457 problem responses.
 */
@ApplicationModule(displayName = "API")
@NullMarked
package io.octavia.core.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
