package io.octavia.core.platform;

import java.util.Optional;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Names the database constraint behind a failed write. Uniqueness is decided by the
 * database, not by a check before the insert: a pre-check races with concurrent writers
 * and, under row-level security, cannot even see other tenants' rows.
 */
public final class DataConstraints {

	private DataConstraints() {
	}

	/** The constraint (or unique index) PostgreSQL refused the write for, if any. */
	public static Optional<String> violated(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof PSQLException psql) {
				ServerErrorMessage message = psql.getServerErrorMessage();
				if (message != null && message.getConstraint() != null) {
					return Optional.of(message.getConstraint());
				}
			}
		}
		return Optional.empty();
	}

	public static boolean violated(Throwable failure, String constraint) {
		return violated(failure).filter(constraint::equals).isPresent();
	}

}
