package io.octavia.core.audit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The hash that seals a record into its chain: SHA-256 over the previous record's hash
 * and a canonical form of the record, as stored. The canonical form lists every column a
 * reader relies on in a fixed order, each value with its length (so no two records
 * serialize alike), timestamps as UTC instants and JSON in PostgreSQL's normalized
 * {@code jsonb} text. It covers the record's tenant and position too, so a record cannot
 * be moved to another place or chain unnoticed.
 */
final class ChainHashing {

	/** What the first record of a chain links to. */
	static final byte[] GENESIS = new byte[32];

	private static final byte[] VERSION = "octavia-audit-v1".getBytes(StandardCharsets.UTF_8);

	private static final List<String> TEXT_COLUMNS = List.of("actor_kind", "actor_id", "brand_id", "action",
			"target_type", "target_id", "before_summary", "after_summary", "request_id", "client_ip", "user_agent");

	private ChainHashing() {
	}

	/**
	 * Hashes the current row of {@code row}, which must hold the columns of
	 * {@link AuditRecords#COLUMNS}.
	 */
	static byte[] hash(byte[] previous, long position, ResultSet row) throws SQLException {
		ByteArrayOutputStream canonical = new ByteArrayOutputStream(512);
		field(canonical, new String(VERSION, StandardCharsets.UTF_8));
		field(canonical, row.getString("tenant_id"));
		field(canonical, row.getString("record_id"));
		field(canonical, Long.toString(position));
		field(canonical, row.getString("event_id"));
		field(canonical, instant(row, "occurred_at"));
		field(canonical, instant(row, "recorded_at"));
		for (String column : TEXT_COLUMNS) {
			field(canonical, row.getString(column));
		}
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(previous);
			return sha256.digest(canonical.toByteArray());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable String instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant().toString() : null;
	}

	private static void field(ByteArrayOutputStream out, @Nullable String value) {
		if (value == null) {
			out.writeBytes("-;".getBytes(StandardCharsets.US_ASCII));
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(bytes);
		out.writeBytes(";".getBytes(StandardCharsets.US_ASCII));
	}

}
