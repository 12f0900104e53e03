/**
 * What the consoles need to show an audit log: the filter form and the view model that
 * the shared fragments in {@code templates/audit/audit-log.html} render, so both consoles
 * show the log alike.
 */
@NamedInterface("web")
@NullMarked
package io.octavia.core.audit.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
