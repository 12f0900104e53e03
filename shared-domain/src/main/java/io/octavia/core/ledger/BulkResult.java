package io.octavia.core.ledger;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.DomainProblem;

/**
 * The outcome of a bulk post, one item per entry in request order. In atomic mode either
 * every item has a result, or none was written and the refused ones carry their problem.
 *
 * @param written whether anything was written (atomic: all or nothing)
 */
public record BulkResult(BulkMode mode, boolean written, List<Item> items) {

	/**
	 * @param result the entry written (or replayed), null if refused or not written
	 * @param problem why the entry was refused, null if it was not
	 */
	public record Item(int index, @Nullable EntryResult result, @Nullable DomainProblem problem) {
	}

}
