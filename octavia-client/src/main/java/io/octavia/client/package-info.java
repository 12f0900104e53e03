/**
 * Java client for the Octavia Core API: API keys, RFC 9421 request signing, idempotent
 * retries with backoff and typed problem exceptions. Depends on the JDK only.
 */
@NullMarked
package io.octavia.client;

import org.jspecify.annotations.NullMarked;
