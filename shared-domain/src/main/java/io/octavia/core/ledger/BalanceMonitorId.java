package io.octavia.core.ledger;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a balance monitor. Serialized as the bare UUID string in JSON. */
public record BalanceMonitorId(@JsonValue UUID value) {

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public BalanceMonitorId {
		java.util.Objects.requireNonNull(value, "value");
	}

	public static BalanceMonitorId of(String value) {
		return new BalanceMonitorId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}

}
