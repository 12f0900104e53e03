package io.octavia.core.ledger;

/**
 * How a bulk post treats its entries: {@code ATOMIC} writes all of them in one
 * transaction or none (every refused entry is reported by index); {@code INDEPENDENT}
 * writes each on its own and reports each one's result.
 */
public enum BulkMode {

	ATOMIC, INDEPENDENT

}
