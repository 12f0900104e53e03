package io.octavia.client;

import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * 403: the credential may not do this ({@code scope_missing}, {@code forbidden},
 * {@code api_key_ip_blocked}, {@code tenant_mismatch}, {@code tenant_suspended}, …).
 */
public class PermissionException extends OctaviaProblemException {

	public PermissionException(int status, Map<String, @Nullable Object> properties, HttpHeaders headers) {
		super(status, properties, headers);
	}

	/** The scope the API key lacks, on {@code scope_missing}. */
	public Optional<String> scope() {
		return Optional.ofNullable(string(properties(), "scope"));
	}

}
