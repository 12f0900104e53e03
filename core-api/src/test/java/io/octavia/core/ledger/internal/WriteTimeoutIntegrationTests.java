package io.octavia.core.ledger.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger write's timeout statement on every supported PostgreSQL: the tests run on
 * 17, production may run 15 or 16, which have no {@code transaction_timeout} (every
 * ledger write failed there once). Both forms run on the test server, and each bounds
 * only its own transaction.
 */
@OctaviaIntegrationTest
class WriteTimeoutIntegrationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void postgresql17BoundsTheWholeTransaction() {
		assertThat(settingsAfter(EntryWriter.transactionTimeout(170000, 30000), "transaction_timeout"))
			.containsExactly("30s");
		assertThat(jdbc.queryForObject("SHOW transaction_timeout", String.class)).isEqualTo("0");
	}

	@Test
	void postgresql15And16BoundEachStatementAndEachPause() {
		for (int version : new int[] { 150020, 160004 }) {
			assertThat(settingsAfter(EntryWriter.transactionTimeout(version, 30000), "statement_timeout",
					"idle_in_transaction_session_timeout"))
				.containsExactly("30s", "30s");
			assertThat(EntryWriter.transactionTimeout(version, 30000)).doesNotContain("transaction_timeout =");
		}
		assertThat(jdbc.queryForObject("SHOW idle_in_transaction_session_timeout", String.class)).isEqualTo("0");
	}

	private List<String> settingsAfter(String statement, String... settings) {
		return transactions.execute(status -> {
			jdbc.execute(statement);
			return java.util.Arrays.stream(settings)
				.map(setting -> jdbc.queryForObject("SHOW " + setting, String.class))
				.toList();
		});
	}

}
