package io.octavia.core.ledger.internal;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.octavia.core.ledger.ChainBreak;
import io.octavia.core.ledger.EntryId;
import io.octavia.core.ledger.LedgerChainVerification;
import io.octavia.core.ledger.LedgerChainVerification.BrokenLink;
import io.octavia.core.platform.TenantId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ledger hash chain's statements, inside the caller's transaction and tenant scope.
 * Sealing locks the chain head's row, so sealers on several nodes take turns per chain;
 * it appends to {@code ledger_chain_link} and never touches an entry row (writers never
 * wait for it).
 */
@Component
class LedgerChain {

	/** Entries sealed per transaction; a chain with more takes several. */
	static final int SEAL_BATCH = 500;

	private static final HexFormat HEX = HexFormat.of();

	private final JdbcTemplate jdbc;

	private final JdbcTemplate streaming;

	LedgerChain(JdbcTemplate jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		// a whole chain is read for verification: in slices through a cursor, not at once
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(1000);
	}

	/** The tenants with entries older than the margin waiting for their seal. */
	List<TenantId> chainsToSeal(Duration margin) {
		return jdbc.query("SELECT chain FROM ledger_chains_to_seal(? * interval '1 millisecond') AS chain",
				(rs, n) -> new TenantId(rs.getObject(1, UUID.class)), margin.toMillis());
	}

	/**
	 * Seals up to {@value #SEAL_BATCH} entries of the tenant's chain in {@code seq}
	 * order, stopping at the first one inserted less than {@code margin} ago: one still
	 * in flight may hold a lower {@code seq} until then. Returns how many.
	 */
	int sealBatch(TenantId tenant, Duration margin) {
		jdbc.update("INSERT INTO ledger_chain (tenant_id) VALUES (?) ON CONFLICT DO NOTHING", tenant.value());
		Head head = jdbc.queryForObject(
				"SELECT last_position, last_hash, last_seq FROM ledger_chain WHERE tenant_id = ? FOR UPDATE",
				(rs, n) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getLong(3)), tenant.value());
		// The entries after the last sealed one, walked on the (tenant_id, seq) key in
		// seq order: planned on stale statistics, a bitmap scan and a sort of the whole
		// backlog would be read instead. A seal lost in a crash is made again, the same
		// (the chain follows seq), so its commit need not wait for the disk.
		jdbc.execute(
				"SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off; SET LOCAL synchronous_commit = off");
		long[] next = { head.position() + 1 };
		byte[][] previous = { (head.hash() != null) ? head.hash() : LedgerChainHashing.GENESIS };
		List<Link> sealed = new ArrayList<>();
		jdbc.query("WITH batch AS (SELECT * FROM ledger_entry WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?)"
				+ " SELECT " + LedgerChainHashing.ENTRY_COLUMNS + ", " + LedgerChainHashing.POSTING_COLUMNS
				+ ", NULL::bytea AS chain_postings_hash, NULL::bytea AS chain_hash"
				+ ", e.inserted_at < now() - ? * interval '1 millisecond' AS old_enough"
				+ " FROM batch e LEFT JOIN ledger_posting p ON p.tenant_id = e.tenant_id AND p.seq = e.seq"
				+ " ORDER BY e.seq, p.posting_index", (ResultSet rs) -> {
					links(rs, row -> next[0], link -> {
						if (!link.oldEnough()) {
							return false;
						}
						byte[] hash = LedgerChainHashing.link(previous[0], link.entry(), link.postings());
						sealed.add(new Link(link.entryId(), link.seq(), next[0], link.entry(), link.postings(),
								link.postings(), hash, true));
						previous[0] = hash;
						next[0]++;
						return true;
					});
					return null;
				}, tenant.value(), head.seq(), SEAL_BATCH, margin.toMillis());
		if (sealed.isEmpty()) {
			return 0;
		}
		Long[] positions = sealed.stream().map(Link::position).toArray(Long[]::new);
		Long[] seqs = sealed.stream().map(Link::seq).toArray(Long[]::new);
		String[] postings = sealed.stream().map(link -> "\\x" + HEX.formatHex(link.postings())).toArray(String[]::new);
		String[] hashes = sealed.stream()
			.map(link -> "\\x" + HEX.formatHex(java.util.Objects.requireNonNull(link.storedHash())))
			.toArray(String[]::new);
		jdbc.update(connection -> {
			var ps = connection.prepareStatement("""
					INSERT INTO ledger_chain_link (tenant_id, chain_position, seq, postings_hash, chain_hash)
					SELECT ?, v.* FROM unnest(?::bigint[], ?::bigint[], ?::bytea[], ?::bytea[]) AS v""");
			ps.setObject(1, tenant.value());
			ps.setArray(2, connection.createArrayOf("bigint", positions));
			ps.setArray(3, connection.createArrayOf("bigint", seqs));
			ps.setArray(4, connection.createArrayOf("text", postings));
			ps.setArray(5, connection.createArrayOf("text", hashes));
			return ps;
		});
		jdbc.update(
				"UPDATE ledger_chain SET last_position = ?, last_hash = ?, last_seq = ?, sealed_at = now() WHERE tenant_id = ?",
				next[0] - 1, previous[0], sealed.get(sealed.size() - 1).seq(), tenant.value());
		return sealed.size();
	}

	/**
	 * Recomputes the tenant's chain from its first link; call in one snapshot (repeatable
	 * read), so a sealer appending meanwhile is not mistaken for a break.
	 */
	LedgerChainVerification verify(TenantId tenant) {
		Head head = jdbc
			.query("SELECT last_position, last_hash, last_seq FROM ledger_chain WHERE tenant_id = ?",
					(rs, n) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getLong(3)), tenant.value())
			.stream()
			.findFirst()
			.orElse(new Head(0, null, 0));
		// the entries without a link, not only those after the last sealed one: one that
		// committed later than the margin allows would never be sealed, and shows here
		Long pending = jdbc.queryForObject("""
				SELECT count(*) FROM ledger_entry e WHERE e.tenant_id = ? AND NOT EXISTS
				    (SELECT FROM ledger_chain_link l WHERE l.tenant_id = e.tenant_id AND l.seq = e.seq)""", Long.class,
				tenant.value());
		// a link whose entry is gone (or whose entry's seq changed) leaves a gap in the
		// positions
		Walk walk = streaming.query(
				"SELECT " + LedgerChainHashing.ENTRY_COLUMNS + ", " + LedgerChainHashing.POSTING_COLUMNS
						+ ", l.chain_position, l.postings_hash AS chain_postings_hash, l.chain_hash, true AS old_enough"
						+ " FROM ledger_chain_link l JOIN ledger_entry e ON e.tenant_id = l.tenant_id AND e.seq = l.seq"
						+ " LEFT JOIN ledger_posting p ON p.tenant_id = e.tenant_id AND p.seq = e.seq"
						+ " WHERE l.tenant_id = ? ORDER BY l.chain_position, p.posting_index",
				LedgerChain::walk, tenant.value());
		BrokenLink broken = java.util.Objects.requireNonNull(walk).broken();
		byte[] headHash = (head.hash() != null) ? head.hash() : LedgerChainHashing.GENESIS;
		if (broken == null && (head.position() != walk.count() || !Arrays.equals(headHash, walk.last()))) {
			// entries at the end were removed (or the head was changed)
			long position = Math.min(head.position(), walk.count()) + ((head.position() == walk.count()) ? 0 : 1);
			broken = new BrokenLink(position, null, null, HEX.formatHex(walk.last()), HEX.formatHex(headHash),
					ChainBreak.LINK_MISSING);
		}
		return new LedgerChainVerification(tenant, broken == null, walk.count(), (pending != null) ? pending : 0,
				broken, (broken == null && walk.count() > 0) ? HEX.formatHex(walk.last()) : null, Instant.now());
	}

	/** Follows the chain link by link; stops at the first break. */
	private static Walk walk(ResultSet rs) throws SQLException {
		long[] expected = { 1 };
		byte[][] previous = { LedgerChainHashing.GENESIS };
		BrokenLink[] broken = { null };
		links(rs, row -> row.getLong("chain_position"), link -> {
			if (link.position() != expected[0]) {
				broken[0] = new BrokenLink(expected[0], null, null, null, null, ChainBreak.LINK_MISSING);
				return false;
			}
			byte[] hash = LedgerChainHashing.link(previous[0], link.entry(), link.postings());
			byte[] stored = java.util.Objects.requireNonNull(link.storedHash());
			if (!Arrays.equals(link.postings(), link.storedPostings()) || !Arrays.equals(hash, stored)) {
				ChainBreak reason = Arrays.equals(link.postings(), link.storedPostings()) ? ChainBreak.ENTRY_CHANGED
						: ChainBreak.POSTING_CHANGED;
				broken[0] = new BrokenLink(link.position(), new EntryId(link.entryId()), link.seq(),
						HEX.formatHex(hash), HEX.formatHex(stored), reason);
				return false;
			}
			previous[0] = stored;
			expected[0]++;
			return true;
		});
		return new Walk(expected[0] - 1, previous[0], broken[0]);
	}

	/** Where the entry on the current row stands (or would stand) in the chain. */
	private interface PositionOf {

		long at(ResultSet row) throws SQLException;

	}

	/**
	 * Reads rows of entries joined with their postings (in posting order) and hands each
	 * entry to {@code sink} as one link, until it answers false.
	 */
	private static void links(ResultSet rs, PositionOf positionOf, Predicate<Link> sink) throws SQLException {
		boolean more = rs.next();
		while (more) {
			UUID id = rs.getObject("entry_id", UUID.class);
			long position = positionOf.at(rs);
			Link.Partial partial = new Link.Partial(id, rs.getLong("seq"), position,
					LedgerChainHashing.entry(rs, position), rs.getBytes("chain_postings_hash"),
					rs.getBytes("chain_hash"), rs.getBoolean("old_enough"));
			MessageDigest postings = LedgerChainHashing.sha256();
			do {
				if (rs.getObject("p_index") != null) {
					LedgerChainHashing.posting(postings, rs);
				}
				more = rs.next();
			}
			while (more && id.equals(rs.getObject("entry_id", UUID.class)));
			if (!sink.test(partial.with(postings.digest()))) {
				return;
			}
		}
	}

	/**
	 * One entry as a chain link.
	 *
	 * @param entry its canonical form
	 * @param postings the digest of its postings as they are now
	 * @param storedPostings the digest stored when it was sealed
	 * @param storedHash the link stored when it was sealed
	 */
	private record Link(UUID entryId, long seq, long position, byte[] entry, byte[] postings,
			byte @Nullable [] storedPostings, byte @Nullable [] storedHash, boolean oldEnough) {

		private record Partial(UUID entryId, long seq, long position, byte[] entry, byte @Nullable [] storedPostings,
				byte @Nullable [] storedHash, boolean oldEnough) {

			Link with(byte[] postings) {
				return new Link(entryId, seq, position, entry, postings, storedPostings, storedHash, oldEnough);
			}

		}

	}

	private record Head(long position, byte @Nullable [] hash, long seq) {
	}

	private record Walk(long count, byte[] last, @Nullable BrokenLink broken) {
	}

}
