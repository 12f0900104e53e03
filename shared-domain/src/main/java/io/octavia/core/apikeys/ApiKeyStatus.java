package io.octavia.core.apikeys;

import java.util.Locale;

/**
 * Whether a key is accepted: revoked by hand, or expired by its date (also after
 * rotation).
 */
public enum ApiKeyStatus {

	ACTIVE, EXPIRED, REVOKED;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
