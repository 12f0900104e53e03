package io.octavia.core.ledger;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The five account types of double-entry bookkeeping, each with the side its balance
 * normally grows on.
 */
public enum AccountType {

	ASSET(Direction.DEBIT), LIABILITY(Direction.CREDIT), EQUITY(Direction.CREDIT), REVENUE(Direction.CREDIT),
	EXPENSE(Direction.DEBIT);

	private final Direction normalBalance;

	AccountType(Direction normalBalance) {
		this.normalBalance = normalBalance;
	}

	public Direction normalBalance() {
		return normalBalance;
	}

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static AccountType of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
