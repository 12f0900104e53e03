package io.octavia.client;

/**
 * No response: the connection failed or timed out (after the retries the request was
 * allowed), or the calling thread was interrupted. A write may or may not have been
 * carried out; repeat it with the same Idempotency-Key ({@link #idempotencyKey()}) to
 * find out safely.
 */
public class OctaviaTransportException extends OctaviaException {

	private final String idempotencyKey;

	public OctaviaTransportException(String message, Throwable cause, String idempotencyKey) {
		super(message, cause);
		this.idempotencyKey = idempotencyKey;
	}

	/** The request's Idempotency-Key, empty if it had none. */
	public String idempotencyKey() {
		return this.idempotencyKey;
	}

}
