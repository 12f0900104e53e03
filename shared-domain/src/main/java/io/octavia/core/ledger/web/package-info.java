/**
 * What the API and both consoles need to show ledger reports alike: CSV rendering (RFC
 * 4180, decimal amounts), localized amounts and the server-side balance chart. The shared
 * fragments are in {@code templates/ledger/reports.html}.
 */
@NamedInterface("web")
@NullMarked
package io.octavia.core.ledger.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
