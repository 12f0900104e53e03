package io.octavia.core.ledger;

import java.time.Instant;
import java.util.List;

import io.octavia.core.platform.TenantId;

/**
 * The outcome of checking one ledger's invariants.
 *
 * @param accounts accounts checked
 * @param violations every violation found; empty when the ledger is sound
 */
public record InvariantReport(TenantId tenantId, LedgerId ledgerId, boolean holds, long accounts,
		List<InvariantViolation> violations, Instant checkedAt) {

}
