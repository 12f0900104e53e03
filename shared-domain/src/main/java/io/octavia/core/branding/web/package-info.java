/**
 * What the consoles need to edit a brand: the form and the view of the editor that the
 * shared fragments in {@code templates/ui/brand-editor.html} render, so the operator
 * console and the tenant portal edit brands alike.
 */
@NamedInterface("web")
@NullMarked
package io.octavia.core.branding.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
