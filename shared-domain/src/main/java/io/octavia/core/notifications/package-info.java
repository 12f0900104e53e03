/**
 * Notifications: messages to people. For now the account mails that the identity module
 * requests through its events (invitations, password resets, e-mail verification), sent
 * over SMTP in the recipient's language and under the brand's sender name. Its public API
 * lives in this package, its implementation in {@code internal} sub-packages.
 */
@ApplicationModule(displayName = "Notifications")
@NullMarked
package io.octavia.core.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
