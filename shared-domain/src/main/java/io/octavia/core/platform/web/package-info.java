/**
 * What the consoles share: contributions modules make to console pages, the supported
 * languages and flash messages.
 */
@NullMarked
package io.octavia.core.platform.web;

import org.jspecify.annotations.NullMarked;
