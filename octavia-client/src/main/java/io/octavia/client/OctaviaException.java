package io.octavia.client;

/** Base of everything the client throws for a failed call. */
public class OctaviaException extends RuntimeException {

	public OctaviaException(String message) {
		super(message);
	}

	public OctaviaException(String message, Throwable cause) {
		super(message, cause);
	}

}
