package io.octavia.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A copy of every outbox publication stored while it is open, for tests that look at what
 * the outbox held: a delivered publication is deleted (completion-mode delete), often
 * before a test could read it. A trigger of the schema owner copies each new
 * {@code event_publication} row's {@code serialized_event}; closing drops trigger and
 * copy. The owner's credentials are Flyway's
 * ({@code spring.flyway.user}/{@code password}).
 */
public final class OutboxCopy implements AutoCloseable {

	private final Connection connection;

	private final JdbcTemplate owner;

	private OutboxCopy(Connection connection) {
		this.connection = connection;
		this.owner = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
	}

	/** Starts copying, as the schema owner of the application's database. */
	public static OutboxCopy start(Environment environment) throws SQLException {
		OutboxCopy copy = new OutboxCopy(
				DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
						environment.getRequiredProperty("spring.flyway.user"),
						environment.getRequiredProperty("spring.flyway.password")));
		copy.owner.execute("CREATE TABLE test_outbox_copy (serialized_event text NOT NULL)");
		// the owner's function: the application role needs no grant on the copy
		copy.owner.execute("""
				CREATE FUNCTION test_outbox_copy() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
				BEGIN
				  INSERT INTO test_outbox_copy VALUES (NEW.serialized_event);
				  RETURN NEW;
				END $$""");
		copy.owner.execute("CREATE TRIGGER test_outbox_copy AFTER INSERT ON event_publication "
				+ "FOR EACH ROW EXECUTE FUNCTION test_outbox_copy()");
		return copy;
	}

	/** The serialized events stored since the copy started that contain {@code text}. */
	public List<String> containing(String text) {
		return owner.queryForList("SELECT serialized_event FROM test_outbox_copy WHERE strpos(serialized_event, ?) > 0",
				String.class, text);
	}

	@Override
	public void close() throws SQLException {
		try (connection) {
			owner.execute("DROP TRIGGER IF EXISTS test_outbox_copy ON event_publication");
			owner.execute("DROP FUNCTION IF EXISTS test_outbox_copy()");
			owner.execute("DROP TABLE IF EXISTS test_outbox_copy");
		}
	}

}
