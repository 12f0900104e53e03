/**
 * Ledger: double-entry bookkeeping, the source of truth for money. Ledgers per tenant
 * hold accounts; journal entries of two or more postings balance per currency, are
 * append-only and may be two-phase (pending, then posted or voided). Balances are kept as
 * cumulative totals on the account and, per posting, as of that posting on both time axes
 * (recorded and effective), so a point-in-time balance is one index probe. The public API
 * is {@link io.octavia.core.ledger.LedgerManagement}; see docs/ledger.md.
 */
@ApplicationModule(displayName = "Ledger", allowedDependencies = { "platform", "tenancy" })
@NullMarked
package io.octavia.core.ledger;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
