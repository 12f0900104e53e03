package io.octavia.core.ledger.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The bytes a ledger chain link covers. Canonical forms list the columns in a fixed
 * order, each value with its length (so no two rows serialize alike), timestamps as UTC
 * instants and JSON in PostgreSQL's normalized {@code jsonb} text. The entry's form
 * covers its tenant, sequence number and chain position too, so it cannot be moved
 * unnoticed. Postings are covered by a digest of their canonical forms in posting order;
 * their effective-axis totals ({@code eff_*}) are left out: a back-dated entry rightly
 * changes them on later postings.
 */
final class LedgerChainHashing {

	/** What the first link of a chain links to. */
	static final byte[] GENESIS = new byte[32];

	private static final String VERSION = "octavia-ledger-v1";

	/** The entry's columns, in hashing order (after tenant, entry, seq and position). */
	static final String ENTRY_COLUMNS = """
			e.tenant_id, e.entry_id, e.seq, e.ledger_id, e.kind, e.pending_entry_id, e.reverses_entry_id,
			e.effective_at, e.recorded_at, e.timeout_at, e.description, e.external_reference, e.metadata::text AS metadata,
			e.idempotency_key, e.request_hash, e.actor""";

	/**
	 * The posting's columns, prefixed {@code p_}; posting_index is null for an entry
	 * without postings.
	 */
	static final String POSTING_COLUMNS = """
			p.posting_index AS p_index, p.seq AS p_seq, p.entry_id AS p_entry_id, p.ledger_id AS p_ledger_id,
			p.account_id AS p_account_id, p.currency AS p_currency, p.direction AS p_direction,
			p.posted_amount AS p_posted_amount, p.pending_amount AS p_pending_amount, p.effective_at AS p_effective_at,
			p.recorded_at AS p_recorded_at, p.account_version AS p_account_version,
			p.after_posted_debits AS p_after_posted_debits, p.after_posted_credits AS p_after_posted_credits,
			p.after_pending_debits AS p_after_pending_debits, p.after_pending_credits AS p_after_pending_credits""";

	private static final List<String> ENTRY_TEXT = List.of("ledger_id", "kind", "pending_entry_id",
			"reverses_entry_id");

	private static final List<String> ENTRY_MORE_TEXT = List.of("description", "external_reference", "metadata",
			"idempotency_key");

	private static final List<String> POSTING_TEXT = List.of("p_index", "p_seq", "p_entry_id", "p_ledger_id",
			"p_account_id", "p_currency", "p_direction", "p_posted_amount", "p_pending_amount");

	private static final List<String> POSTING_NUMBERS = List.of("p_account_version", "p_after_posted_debits",
			"p_after_posted_credits", "p_after_pending_debits", "p_after_pending_credits");

	private static final HexFormat HEX = HexFormat.of();

	private LedgerChainHashing() {
	}

	/** The canonical form of the entry on the current row, at {@code position}. */
	static byte[] entry(ResultSet row, long position) throws SQLException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(512);
		field(out, VERSION);
		field(out, row.getString("tenant_id"));
		field(out, row.getString("entry_id"));
		field(out, row.getString("seq"));
		field(out, Long.toString(position));
		for (String column : ENTRY_TEXT) {
			field(out, row.getString(column));
		}
		field(out, instant(row, "effective_at"));
		field(out, instant(row, "recorded_at"));
		field(out, instant(row, "timeout_at"));
		for (String column : ENTRY_MORE_TEXT) {
			field(out, row.getString(column));
		}
		byte[] requestHash = row.getBytes("request_hash");
		field(out, (requestHash != null) ? HEX.formatHex(requestHash) : null);
		field(out, row.getString("actor"));
		return out.toByteArray();
	}

	/** Adds the posting on the current row to a postings digest. */
	static void posting(MessageDigest postings, ResultSet row) throws SQLException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		for (String column : POSTING_TEXT) {
			field(out, row.getString(column));
		}
		field(out, instant(row, "p_effective_at"));
		field(out, instant(row, "p_recorded_at"));
		for (String column : POSTING_NUMBERS) {
			field(out, row.getString(column));
		}
		postings.update(out.toByteArray());
	}

	/**
	 * The link: SHA-256 over the previous link, the entry's form and its postings'
	 * digest.
	 */
	static byte[] link(byte[] previous, byte[] entry, byte[] postings) {
		MessageDigest sha256 = sha256();
		sha256.update(previous);
		sha256.update(entry);
		return sha256.digest(postings);
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
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
