package io.octavia.core.ledger;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which balance of an account a monitor watches (see {@link Balance}). */
public enum MonitoredBalance {

	POSTED, AVAILABLE;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public long of(Balance balance) {
		return (this == POSTED) ? balance.posted() : balance.available();
	}

	@JsonCreator
	public static MonitoredBalance of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
