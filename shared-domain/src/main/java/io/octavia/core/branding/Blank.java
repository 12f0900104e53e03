package io.octavia.core.branding;

import org.jspecify.annotations.Nullable;

/**
 * Forms send empty fields as blank strings; for optional attributes they mean "unset".
 */
final class Blank {

	private Blank() {
	}

	static @Nullable String toNull(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String stripped = text.strip();
		return stripped.isEmpty() ? null : stripped;
	}

}
