package io.octavia.core.apikeys;

import java.util.Locale;

/**
 * Live keys act on real data; test keys are for integration work (the key says which).
 */
public enum ApiKeyMode {

	LIVE, TEST;

	/** As written in the key and in JSON: {@code live} or {@code test}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static ApiKeyMode of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
