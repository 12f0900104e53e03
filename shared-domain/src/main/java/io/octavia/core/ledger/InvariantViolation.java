package io.octavia.core.ledger;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * One broken invariant.
 *
 * @param accountId the account concerned; null for {@link Kind#UNBALANCED}
 * @param currency the currency concerned
 * @param field what differs: for {@code unbalanced} {@code posted} or {@code pending};
 * otherwise the total ({@code posted_debits}, …, {@code version}) or the posting column
 * ({@code after_posted_debits}, {@code eff_posted_debits}, …)
 * @param expected for {@code unbalanced} the debits; otherwise what the postings say
 * (their sum, or the account's total for a posting column)
 * @param actual for {@code unbalanced} the credits; otherwise what is stored
 */
public record InvariantViolation(Kind kind, @Nullable AccountId accountId, String currency, String field, long expected,
		long actual) {

	public enum Kind {

		/** A ledger's debits differ from its credits in a currency. */
		UNBALANCED,

		/** An account's totals or version are not the sums and count of its postings. */
		ACCOUNT_TOTALS,

		/** An account's last posting does not carry its totals (per-posting balances). */
		POSTING_BALANCES;

		@JsonValue
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
