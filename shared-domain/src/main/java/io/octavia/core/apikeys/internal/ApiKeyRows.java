package io.octavia.core.apikeys.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.apikeys.ApiKey;
import io.octavia.core.apikeys.ApiKeyFormat;
import io.octavia.core.apikeys.ApiKeyMode;
import io.octavia.core.apikeys.ApiKeyPage;
import io.octavia.core.apikeys.ApiKeyStatus;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.TimeOrderedCursor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rows of {@code api_key} and {@code api_key_policy}, under row-level security. */
@Component
public class ApiKeyRows {

	private static final String COLUMNS = "api_key_id, key_id, tenant_id, mode, name, scopes, brand_id, expires_at, "
			+ "ip_allow_list, rate_limit_per_minute, signing_secret_sealed IS NOT NULL AS signing, status, created_by, "
			+ "created_at, revoked_at, rotated_from, last_used_at, last_used_ip";

	private static final String CURSOR_KIND = "api-keys";

	/** A row to insert. */
	public record NewKey(TenantId tenantId, String keyId, ApiKeyMode mode, byte[] keyHash, String name,
			Set<String> scopes, @Nullable BrandId brandId, @Nullable Instant expiresAt, List<String> ipAllowList,
			@Nullable Integer rateLimitPerMinute, @Nullable String signingSecretSealed, String createdBy,
			Instant createdAt, @Nullable String rotatedFrom) {
	}

	private final JdbcClient jdbc;

	ApiKeyRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(NewKey key) {
		jdbc.sql("""
				INSERT INTO api_key (tenant_id, api_key_id, key_id, mode, key_hash, brand_id, name, scopes, expires_at,
				                     ip_allow_list, rate_limit_per_minute, signing_secret_sealed, status, created_by,
				                     created_at, rotated_from)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?::text[], ?, ?, 'active', ?, ?, ?)""")
			.params(key.tenantId().value(), Ids.newId(), key.keyId(), key.mode().value(), key.keyHash(),
					(key.brandId() != null) ? key.brandId().value() : null, key.name(),
					textArray(key.scopes().stream().sorted().toList()), timestamp(key.expiresAt()),
					textArray(key.ipAllowList()), key.rateLimitPerMinute(), key.signingSecretSealed(), key.createdBy(),
					Timestamp.from(key.createdAt()), key.rotatedFrom())
			.update();
	}

	public Optional<ApiKey> find(TenantId tenant, String keyId, Instant now) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE tenant_id = ? AND key_id = ?")
			.params(tenant.value(), keyId)
			.query((row, n) -> apiKey(row, now))
			.optional();
	}

	/** The sealed signing secret of a key, if it has one. */
	public Optional<String> sealedSigningSecret(TenantId tenant, String keyId) {
		return jdbc.sql("SELECT signing_secret_sealed FROM api_key WHERE tenant_id = ? AND key_id = ?")
			.params(tenant.value(), keyId)
			.query(String.class)
			.optional();
	}

	public ApiKeyPage list(TenantId tenant, @Nullable String cursorText, int limit, Instant now) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM api_key WHERE tenant_id = ?");
		List<Object> params = new ArrayList<>(List.of(tenant.value()));
		if (cursorText != null) {
			TimeOrderedCursor cursor = TimeOrderedCursor.decode(CURSOR_KIND, cursorText)
				.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "validation_failed", List.of(1),
						List.of(new DomainProblem.FieldProblem("cursor", "api.field.cursor", List.of())), Map.of()));
			sql.append(" AND (created_at, api_key_id) > (?, ?)");
			params.add(Timestamp.from(cursor.at()));
			params.add(cursor.id());
		}
		sql.append(" ORDER BY created_at, api_key_id LIMIT ?");
		params.add(limit + 1);
		List<Row> rows = jdbc.sql(sql.toString())
			.params(params)
			.query((row, n) -> new Row(row.getObject("api_key_id", UUID.class), apiKey(row, now)))
			.list();
		if (rows.size() <= limit) {
			return new ApiKeyPage(rows.stream().map(Row::key).toList(), null);
		}
		Row last = rows.get(limit - 1);
		return new ApiKeyPage(rows.subList(0, limit).stream().map(Row::key).toList(),
				new TimeOrderedCursor(last.key().createdAt(), last.id()).encode(CURSOR_KIND));
	}

	private record Row(UUID id, ApiKey key) {
	}

	/**
	 * @return whether an active key was revoked
	 */
	public boolean revoke(TenantId tenant, String keyId, String actor, Instant now) {
		return jdbc
			.sql("UPDATE api_key SET status = 'revoked', revoked_at = ?, revoked_by = ? "
					+ "WHERE tenant_id = ? AND key_id = ? AND status = 'active'")
			.params(Timestamp.from(now), actor, tenant.value(), keyId)
			.update() == 1;
	}

	/** Brings the expiry forward to {@code expiresAt}, never later than it already is. */
	public void expireBy(TenantId tenant, String keyId, Instant expiresAt) {
		jdbc.sql("UPDATE api_key SET expires_at = least(coalesce(expires_at, ?), ?) WHERE tenant_id = ? AND key_id = ?")
			.params(Timestamp.from(expiresAt), Timestamp.from(expiresAt), tenant.value(), keyId)
			.update();
	}

	public boolean requireSignatures(TenantId tenant) {
		return jdbc.sql("SELECT require_signatures FROM api_key_policy WHERE tenant_id = ?")
			.param(tenant.value())
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	public void setRequireSignatures(TenantId tenant, boolean required, Instant now) {
		jdbc.sql("""
				INSERT INTO api_key_policy (tenant_id, require_signatures, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (tenant_id) DO UPDATE SET require_signatures = excluded.require_signatures,
				                                      updated_at = excluded.updated_at""")
			.params(tenant.value(), required, Timestamp.from(now))
			.update();
	}

	private static ApiKey apiKey(ResultSet row, Instant now) throws SQLException {
		String keyId = row.getString("key_id");
		ApiKeyMode mode = ApiKeyMode.of(row.getString("mode"));
		UUID brand = row.getObject("brand_id", UUID.class);
		Instant expiresAt = instant(row.getTimestamp("expires_at"));
		ApiKeyStatus status = "revoked".equals(row.getString("status")) ? ApiKeyStatus.REVOKED
				: (expiresAt != null && !now.isBefore(expiresAt)) ? ApiKeyStatus.EXPIRED : ApiKeyStatus.ACTIVE;
		int rateLimit = row.getInt("rate_limit_per_minute");
		Integer rateLimitPerMinute = row.wasNull() ? null : rateLimit;
		return new ApiKey(keyId, new TenantId(row.getObject("tenant_id", UUID.class)), mode,
				ApiKeyFormat.prefix(mode, keyId), row.getString("name"), Set.copyOf(texts(row.getArray("scopes"))),
				(brand != null) ? new BrandId(brand) : null, expiresAt, texts(row.getArray("ip_allow_list")),
				rateLimitPerMinute, row.getBoolean("signing"), status, row.getString("created_by"),
				row.getTimestamp("created_at").toInstant(), instant(row.getTimestamp("revoked_at")),
				row.getString("rotated_from"), instant(row.getTimestamp("last_used_at")),
				row.getString("last_used_ip"));
	}

	static List<String> texts(@Nullable Array array) throws SQLException {
		return (array != null) ? List.of((String[]) array.getArray()) : List.of();
	}

	static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/** PostgreSQL's text-array literal, each element quoted. */
	static String textArray(List<String> values) {
		StringBuilder literal = new StringBuilder("{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				literal.append(',');
			}
			literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return literal.append('}').toString();
	}

}
