/**
 * What the consoles need for a person's own account page: the handlers both consoles
 * mount ({@link AccountPageController}), their forms, and the shared fragments in
 * {@code templates/identity/account.html}, so both consoles show the account alike.
 */
@NamedInterface("web")
@NullMarked
package io.octavia.core.identity.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
