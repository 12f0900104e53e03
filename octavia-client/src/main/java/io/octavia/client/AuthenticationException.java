package io.octavia.client;

import java.net.http.HttpHeaders;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * 401: no valid credential, or a refused signature. Among the codes: `api_key_invalid`,
 * `api_key_revoked`, `api_key_expired`, `signature_missing`, `signature_invalid`,
 * `signature_expired`, `nonce_replayed`, `digest_mismatch`, `invalid_token`.
 */
public class AuthenticationException extends OctaviaProblemException {

	public AuthenticationException(int status, Map<String, @Nullable Object> properties, HttpHeaders headers) {
		super(status, properties, headers);
	}

}
