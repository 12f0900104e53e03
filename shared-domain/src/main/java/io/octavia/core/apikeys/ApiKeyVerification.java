package io.octavia.core.apikeys;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.octavia.core.apikeys.internal.KeyHashes;
import io.octavia.core.apikeys.internal.LastUse;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.crypto.EnvelopeEncryption;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the gateway asks about a presented key before it knows the tenant: the one key
 * with this public id, through a SECURITY DEFINER function, accepted only when the keyed
 * hash matches (compared in constant time). The gateway caches the answer; this class is
 * the database round trip on a miss. Last use is recorded in memory and written in
 * batches ({@link #recordUse}).
 */
@Service
public class ApiKeyVerification {

	private final JdbcClient jdbc;

	private final KeyHashes hashes;

	private final EnvelopeEncryption encryption;

	private final LastUse lastUse;

	ApiKeyVerification(JdbcClient jdbc, KeyHashes hashes, EnvelopeEncryption encryption, LastUse lastUse) {
		this.jdbc = jdbc;
		this.hashes = hashes;
		this.encryption = encryption;
		this.lastUse = lastUse;
	}

	/**
	 * The keyed hash of a key, as text: the gateway's cache key, never the key itself.
	 */
	public String fingerprint(String apiKey) {
		return hashes.fingerprint(apiKey);
	}

	/**
	 * @return the key when one with this id exists and its stored hash equals the
	 * presented key's, whatever its status (the caller checks status, expiry, addresses)
	 */
	@Transactional(readOnly = true)
	public Optional<VerifiedApiKey> lookup(ApiKeyFormat.ParsedKey key) {
		byte[] presented = hashes.hash(key.key());
		return jdbc.sql("SELECT * FROM octavia_api_key_by_key_id(?)")
			.param(key.keyId())
			.query((row, n) -> MessageDigest.isEqual(row.getBytes("key_hash"), presented) ? verified(row) : null)
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst();
	}

	/** Remembers a use; written with others in the next batch. */
	public void recordUse(String keyId, String clientAddress) {
		lastUse.record(keyId, clientAddress);
	}

	private VerifiedApiKey verified(ResultSet row) throws SQLException {
		UUID brand = row.getObject("brand_id", UUID.class);
		String sealed = row.getString("signing_secret_sealed");
		String signingSecret = (sealed != null) ? encryption.openString(sealed, ApiKeyManagement.SIGNING_SECRET_PURPOSE)
				: null;
		int rateLimit = row.getInt("rate_limit_per_minute");
		Integer rateLimitPerMinute = row.wasNull() ? null : rateLimit;
		List<IpRange> ranges = java.util.Arrays.stream((String[]) row.getArray("ip_allow_list").getArray())
			.map(IpRange::parse)
			.flatMap(Optional::stream)
			.toList();
		ApiKeyStatus status = "revoked".equals(row.getString("status")) ? ApiKeyStatus.REVOKED : ApiKeyStatus.ACTIVE;
		java.sql.Timestamp expires = row.getTimestamp("expires_at");
		return new VerifiedApiKey(row.getString("key_id"), new TenantId(row.getObject("tenant_id", UUID.class)),
				(brand != null) ? new BrandId(brand) : null, ApiKeyMode.of(row.getString("mode")),
				Set.of((String[]) row.getArray("scopes").getArray()), status,
				(expires != null) ? expires.toInstant() : null, ranges, rateLimitPerMinute, signingSecret,
				signingSecret != null || row.getBoolean("require_signatures"));
	}

}
