package io.octavia.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A ledger: a set of accounts whose entries balance among themselves. */
public record LedgerDetails(LedgerId id, String code, String name, List<String> currencies,
		Map<String, Object> metadata, Instant createdAt) {
}
