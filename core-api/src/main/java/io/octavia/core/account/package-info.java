/**
 * Public account pages reached from mailed links: accepting an invitation, resetting a
 * password, verifying an e-mail address. No sign-in needed: the link's single-use token
 * is the proof. Forms carry CSRF tokens; nothing is changed by merely opening a link
 * (mail scanners open links too).
 */
@ApplicationModule(displayName = "Account pages")
@NullMarked
package io.octavia.core.account;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
