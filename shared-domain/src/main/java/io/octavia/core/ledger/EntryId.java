package io.octavia.core.ledger;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a journal entry. Serialized as the bare UUID string in JSON. */
public record EntryId(@JsonValue UUID value) {

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public EntryId {
		java.util.Objects.requireNonNull(value, "value");
	}

	public static EntryId of(String value) {
		return new EntryId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
