package io.octavia.core.ledger;

import java.util.Locale;

/**
 * The two clocks of a ledger: {@code EFFECTIVE} is business time (when the money moved,
 * possibly back-dated), {@code RECORDED} is system time (when the ledger learnt of it).
 */
public enum TimeAxis {

	EFFECTIVE, RECORDED;

	public static TimeAxis of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
