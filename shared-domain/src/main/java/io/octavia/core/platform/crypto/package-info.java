/**
 * Envelope encryption of secrets at rest behind a {@link KeyProvider}.
 */
@NullMarked
package io.octavia.core.platform.crypto;

import org.jspecify.annotations.NullMarked;
