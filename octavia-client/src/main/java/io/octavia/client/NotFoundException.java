package io.octavia.client;

import java.net.http.HttpHeaders;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * 404: nothing at this address, or something of another tenant (the server does not
 * reveal which).
 */
public class NotFoundException extends OctaviaProblemException {

	public NotFoundException(int status, Map<String, @Nullable Object> properties, HttpHeaders headers) {
		super(status, properties, headers);
	}

}
