package io.octavia.client;

import java.net.http.HttpHeaders;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * 5xx: the server failed; retried on 502, 503 and 504 when the request is safe to repeat,
 * then thrown. Quote {@link #requestId()} to support.
 */
public class ServerException extends OctaviaProblemException {

	public ServerException(int status, Map<String, @Nullable Object> properties, HttpHeaders headers) {
		super(status, properties, headers);
	}

}
