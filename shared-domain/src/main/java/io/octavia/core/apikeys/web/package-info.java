/**
 * What the consoles need to show a tenant's API keys alike: the rows with their state and
 * brand, a page at a time, which the shared fragments in
 * {@code templates/apikeys/api-keys.html} render. Never a key or signing secret.
 */
@NamedInterface("web")
@NullMarked
package io.octavia.core.apikeys.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
