package io.octavia.core.platform;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The free-form {@code metadata} JSON object that tenants, ledger accounts and entries
 * carry: stored as compact jsonb, bounded so one record cannot bloat a table.
 */
public final class Metadata {

	/** At most this many bytes of compact JSON. */
	public static final int MAX_BYTES = 16 * 1024;

	private Metadata() {
	}

	/**
	 * The metadata as compact JSON ({@code {}} when absent); a problem on the field
	 * {@code metadata} when it is too large or cannot be written as JSON.
	 */
	public static String toJson(JsonMapper json, @Nullable Map<String, Object> metadata, FieldProblems problems) {
		try {
			String text = json.writeValueAsString((metadata != null) ? metadata : Map.of());
			if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
				problems.add("metadata", "api.field.metadata_size", MAX_BYTES);
			}
			return text;
		}
		catch (JacksonException ex) {
			problems.add("metadata", "api.field.metadata_json");
			return "{}";
		}
	}

}
