package io.octavia.core.audit;

/**
 * How a hash chain is broken; labelled by the message keys {@code ChainDefect.*}.
 */
public enum ChainDefect {

	/** The record's content no longer matches its hash: it was changed. */
	CONTENT_CHANGED,

	/** The record does not point to the hash of the record before it. */
	LINK_BROKEN,

	/** No record holds this position: it was removed. */
	RECORD_MISSING,

	/**
	 * The chain ends elsewhere than its head says: records at the end were removed, or
	 * the head was changed.
	 */
	HEAD_MISMATCH

}
