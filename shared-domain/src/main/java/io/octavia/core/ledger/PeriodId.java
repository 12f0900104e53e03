package io.octavia.core.ledger;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies an accounting period of a ledger. Serialized as the bare UUID string in
 * JSON.
 */
public record PeriodId(@JsonValue UUID value) {

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public PeriodId {
		java.util.Objects.requireNonNull(value, "value");
	}

	public static PeriodId of(String value) {
		return new PeriodId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
