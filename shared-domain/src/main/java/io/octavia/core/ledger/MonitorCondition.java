package io.octavia.core.ledger;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The side of its threshold a monitored balance must not be on. */
public enum MonitorCondition {

	/** Alert when the balance falls below the amount (strictly less). */
	BELOW,

	/** Alert when the balance rises above the amount (strictly more). */
	ABOVE;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether a balance is on the alerting side of the threshold. */
	public boolean breachedBy(long balance, long threshold) {
		return (this == BELOW) ? balance < threshold : balance > threshold;
	}

	@JsonCreator
	public static MonitorCondition of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
