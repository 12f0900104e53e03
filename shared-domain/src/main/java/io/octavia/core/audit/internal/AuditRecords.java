package io.octavia.core.audit.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.octavia.core.audit.ActorKind;
import io.octavia.core.audit.AuditActor;
import io.octavia.core.audit.AuditEntry;
import io.octavia.core.audit.AuditManagement;
import io.octavia.core.audit.AuditQuery;
import io.octavia.core.audit.AuditRecord;
import io.octavia.core.audit.ChainDefect;
import io.octavia.core.audit.ChainVerification;
import io.octavia.core.audit.ChainVerification.BrokenLink;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit module's access to its tables, for {@link AuditManagement} and the listeners.
 * Every statement runs under row-level security: the caller binds the log's tenant (or
 * the audited cross-tenant scope) before the transaction begins.
 * <p>
 * Sealing takes the chain head's row lock ({@code SELECT … FOR UPDATE}), so sealers on
 * several nodes take turns per chain and never fork it, while writers only insert and
 * never wait for the chain.
 */
@Component
@Transactional
public class AuditRecords {

	/** Records sealed per transaction; a chain with more takes several. */
	public static final int SEAL_BATCH = 500;

	/** The columns a record is read and hashed from. */
	static final String COLUMNS = """
			tenant_id, record_id, event_id, occurred_at, recorded_at, actor_kind, actor_id, brand_id, action,
			target_type, target_id, before_summary, after_summary, request_id, client_ip, user_agent,
			chain_position, previous_hash, record_hash""";

	private static final HexFormat HEX = HexFormat.of();

	private final JdbcClient jdbc;

	private final JdbcTemplate streaming;

	private final JsonMapper json;

	AuditRecords(JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(dataSource);
		// a whole chain is read for verification: in slices through a cursor, not at once
		this.streaming.setFetchSize(1000);
		this.json = json;
	}

	/**
	 * Inserts the entry in the caller's transaction, if there is one; false when its
	 * event was recorded before.
	 */
	public boolean insert(AuditEntry entry) {
		return jdbc
			.sql("""
					INSERT INTO audit_record (tenant_id, record_id, event_id, occurred_at, actor_kind, actor_id, brand_id,
					                          action, target_type, target_id, before_summary, after_summary, request_id,
					                          client_ip, user_agent)
					VALUES (:tenant, :id, :event, :occurredAt, :actorKind, :actorId, :brand, :action, :targetType, :targetId,
					        CAST(:before AS jsonb), CAST(:after AS jsonb), :requestId, :clientIp, :userAgent)
					ON CONFLICT (tenant_id, event_id) DO NOTHING""")
			.param("tenant", entry.tenantId().value())
			.param("id", Ids.newId())
			.param("event", entry.eventId())
			.param("occurredAt", utc(entry.occurredAt()))
			.param("actorKind", entry.actor().kind().value())
			.param("actorId", entry.actor().id())
			.param("brand", (entry.brandId() != null) ? entry.brandId().value() : null)
			.param("action", entry.action())
			.param("targetType", entry.targetType())
			.param("targetId", entry.targetId())
			.param("before", summary(entry.before()))
			.param("after", summary(entry.after()))
			.param("requestId", entry.requestId())
			.param("clientIp", entry.clientIp())
			.param("userAgent", entry.userAgent())
			.update() == 1;
	}

	/** Up to {@code limit} records of the log after {@code after}, newest first. */
	@Transactional(readOnly = true)
	public List<AuditRecord> page(TenantId chain, AuditQuery query, @Nullable AuditCursor after, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_record WHERE tenant_id = :tenant");
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("tenant", chain.value());
		if (query.actorKind() != null) {
			sql.append(" AND actor_kind = :actorKind");
			params.put("actorKind", query.actorKind().value());
		}
		if (query.actorId() != null) {
			sql.append(" AND actor_id = :actorId");
			params.put("actorId", query.actorId());
		}
		if (query.action() != null) {
			sql.append(" AND action = :action");
			params.put("action", query.action());
		}
		if (query.targetType() != null) {
			sql.append(" AND target_type = :targetType");
			params.put("targetType", query.targetType());
		}
		if (query.targetId() != null) {
			sql.append(" AND target_id = :targetId");
			params.put("targetId", query.targetId());
		}
		if (query.from() != null) {
			sql.append(" AND occurred_at >= :from");
			params.put("from", utc(query.from()));
		}
		if (query.to() != null) {
			sql.append(" AND occurred_at < :to");
			params.put("to", utc(query.to()));
		}
		if (after != null) {
			sql.append(" AND (occurred_at, record_id) < (:afterAt, :afterId)");
			params.put("afterAt", utc(after.occurredAt()));
			params.put("afterId", after.id());
		}
		sql.append(" ORDER BY occurred_at DESC, record_id DESC LIMIT :limit");
		params.put("limit", limit);
		return jdbc.sql(sql.toString()).params(params).query((rs, n) -> record(rs)).list();
	}

	/**
	 * The logs with records waiting to be sealed. Answered by a database function that
	 * looks across tenants but returns tenant ids only; the sealer then works in each
	 * tenant's own scope.
	 */
	@Transactional(readOnly = true)
	public List<TenantId> chainsToSeal() {
		return jdbc.sql("SELECT tenant_id FROM audit_chains_to_seal() AS chain(tenant_id)")
			.query((rs, n) -> new TenantId(rs.getObject(1, UUID.class)))
			.list();
	}

	/**
	 * Seals up to {@value #SEAL_BATCH} records of the log, oldest first, after the
	 * chain's last one; returns how many.
	 */
	public int sealBatch(TenantId chain) {
		jdbc.sql("INSERT INTO audit_chain (tenant_id) VALUES (:tenant) ON CONFLICT DO NOTHING")
			.param("tenant", chain.value())
			.update();
		Head head = jdbc.sql("SELECT last_position, last_hash FROM audit_chain WHERE tenant_id = :tenant FOR UPDATE")
			.param("tenant", chain.value())
			.query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)))
			.single();
		List<Object[]> seals = new ArrayList<>();
		long[] position = { head.position() };
		byte[][] previous = { (head.hash() != null) ? head.hash() : ChainHashing.GENESIS };
		jdbc.sql("SELECT " + COLUMNS
				+ " FROM audit_record WHERE tenant_id = :tenant AND record_hash IS NULL ORDER BY record_id LIMIT :batch")
			.param("tenant", chain.value())
			.param("batch", SEAL_BATCH)
			.query((ResultSet rs) -> {
				position[0]++;
				byte[] hash = ChainHashing.hash(previous[0], position[0], rs);
				seals.add(new Object[] { position[0], previous[0], hash, chain.value(),
						rs.getObject("record_id", UUID.class) });
				previous[0] = hash;
			});
		if (seals.isEmpty()) {
			return 0;
		}
		streaming.batchUpdate("""
				UPDATE audit_record SET chain_position = ?, previous_hash = ?, record_hash = ?, sealed_at = now()
				WHERE tenant_id = ? AND record_id = ?""", seals);
		jdbc.sql("""
				UPDATE audit_chain SET last_position = :position, last_hash = :hash, sealed_at = now()
				WHERE tenant_id = :tenant""")
			.param("position", position[0])
			.param("hash", previous[0])
			.param("tenant", chain.value())
			.update();
		return seals.size();
	}

	/**
	 * Recomputes the log's chain from its first record, in one snapshot of the database
	 * (so a sealer appending meanwhile is not mistaken for a break).
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public ChainVerification verify(TenantId chain) {
		Head head = jdbc.sql("SELECT last_position, last_hash FROM audit_chain WHERE tenant_id = :tenant")
			.param("tenant", chain.value())
			.query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)))
			.optional()
			.orElse(new Head(0, null));
		long pending = jdbc.sql("SELECT count(*) FROM audit_record WHERE tenant_id = :tenant AND record_hash IS NULL")
			.param("tenant", chain.value())
			.query(Long.class)
			.single();
		Walk walk = streaming.query(
				"SELECT " + COLUMNS
						+ " FROM audit_record WHERE tenant_id = ? AND record_hash IS NOT NULL ORDER BY chain_position",
				AuditRecords::walk, chain.value());
		BrokenLink broken = walk.broken();
		if (broken == null && (head.position() != walk.count()
				|| !Arrays.equals((head.hash() != null) ? head.hash() : ChainHashing.GENESIS, walk.last()))) {
			// the first position where head and chain disagree
			long position = (head.position() == walk.count()) ? walk.count()
					: Math.min(head.position(), walk.count()) + 1;
			broken = new BrokenLink(position, null, ChainDefect.HEAD_MISMATCH);
		}
		long sealed = (broken == null) ? walk.count()
				: jdbc.sql("SELECT count(*) FROM audit_record WHERE tenant_id = :tenant AND record_hash IS NOT NULL")
					.param("tenant", chain.value())
					.query(Long.class)
					.single();
		String headHash = (walk.count() > 0) ? HEX.formatHex(walk.last()) : null;
		return new ChainVerification(chain, broken == null, sealed, pending, broken, (broken == null) ? headHash : null,
				Instant.now());
	}

	/** Follows the chain record by record; stops at the first break. */
	private static Walk walk(ResultSet rs) throws SQLException {
		long expected = 1;
		byte[] previous = ChainHashing.GENESIS;
		while (rs.next()) {
			long position = rs.getLong("chain_position");
			UUID id = rs.getObject("record_id", UUID.class);
			if (position != expected) {
				return new Walk(expected - 1, previous, new BrokenLink(expected, null, ChainDefect.RECORD_MISSING));
			}
			if (!Arrays.equals(rs.getBytes("previous_hash"), previous)) {
				return new Walk(expected - 1, previous, new BrokenLink(position, id, ChainDefect.LINK_BROKEN));
			}
			byte[] stored = rs.getBytes("record_hash");
			if (!Arrays.equals(ChainHashing.hash(previous, position, rs), stored)) {
				return new Walk(expected - 1, previous, new BrokenLink(position, id, ChainDefect.CONTENT_CHANGED));
			}
			previous = stored;
			expected++;
		}
		return new Walk(expected - 1, previous, null);
	}

	private AuditRecord record(ResultSet rs) throws SQLException {
		String brand = rs.getString("brand_id");
		long position = rs.getLong("chain_position");
		boolean sealed = !rs.wasNull();
		byte[] hash = rs.getBytes("record_hash");
		return new AuditRecord(rs.getObject("record_id", UUID.class),
				new TenantId(rs.getObject("tenant_id", UUID.class)),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				new AuditActor(ActorKind.of(rs.getString("actor_kind")), rs.getString("actor_id")),
				(brand != null) ? BrandId.of(brand) : null, rs.getString("action"), rs.getString("target_type"),
				rs.getString("target_id"), tree(rs.getString("before_summary")), tree(rs.getString("after_summary")),
				rs.getString("request_id"), rs.getString("client_ip"), rs.getString("user_agent"),
				rs.getObject("event_id", UUID.class), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
				sealed ? position : null, (hash != null) ? HEX.formatHex(hash) : null);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private @Nullable JsonNode tree(@Nullable String text) {
		return (text != null) ? json.readTree(text) : null;
	}

	private @Nullable String summary(@Nullable Map<String, ?> summary) {
		if (summary == null) {
			return null;
		}
		String text = json.writeValueAsString(summary);
		if (text.getBytes(StandardCharsets.UTF_8).length > AuditManagement.MAX_SUMMARY_BYTES) {
			throw new IllegalArgumentException(
					"An audit summary may hold at most " + AuditManagement.MAX_SUMMARY_BYTES + " bytes of JSON");
		}
		return text;
	}

	private record Head(long position, byte @Nullable [] hash) {
	}

	private record Walk(long count, byte[] last, @Nullable BrokenLink broken) {
	}

}
