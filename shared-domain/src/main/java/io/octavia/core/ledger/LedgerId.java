package io.octavia.core.ledger;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a ledger of a tenant. Serialized as the bare UUID string in JSON. */
public record LedgerId(@JsonValue UUID value) {

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public LedgerId {
		java.util.Objects.requireNonNull(value, "value");
	}

	public static LedgerId of(String value) {
		return new LedgerId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
