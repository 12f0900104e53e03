package io.octavia.core.platform;

import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Idempotency-Key records, per tenant and key, kept for 24 hours. A request first
 * {@linkplain #begin claims} its key in a transaction of its own, so a concurrent
 * duplicate sees the claim; the claim is a lease, so a crashed node does not block the
 * key forever. Writes that move money also carry the key into their own tables (unique
 * per tenant), so a retry after a lost {@linkplain #complete completion} cannot apply
 * twice.
 */
@Service
@Transactional(propagation = Propagation.REQUIRES_NEW)
public class IdempotencyManagement {

	static final Duration RETENTION = Duration.ofHours(24);

	static final Duration LEASE = Duration.ofSeconds(60);

	private final JdbcClient jdbc;

	IdempotencyManagement(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What to do with a request that carries an Idempotency-Key. */
	public sealed interface Outcome {

		/**
		 * First time (or the previous attempt failed or was abandoned): run the request.
		 */
		record Proceed() implements Outcome {
		}

		/** Done before with the same request: answer with the stored response. */
		record Replay(int status, @Nullable String contentType, byte[] body) implements Outcome {
		}

		/** The key was used for a different request. */
		record Mismatch() implements Outcome {
		}

		/** The first request with this key is still running. */
		record InProgress() implements Outcome {
		}

	}

	private record Row(byte[] requestHash, String state, boolean leaseExpired, boolean expired,
			@Nullable Integer responseStatus, @Nullable String responseType, byte @Nullable [] responseBody) {
	}

	public Outcome begin(String key, byte[] requestHash) {
		TenantId tenant = TenantContext.requireTenant();
		int inserted = jdbc
			.sql("""
					INSERT INTO idempotency_record (tenant_id, idempotency_key, request_hash, state, locked_until, expires_at)
					VALUES (:tenant, :key, :hash, 'in_progress', now() + make_interval(secs => :lease),
					        now() + make_interval(secs => :retention))
					ON CONFLICT (tenant_id, idempotency_key) DO NOTHING""")
			.param("tenant", tenant.value())
			.param("key", key)
			.param("hash", requestHash)
			.param("lease", LEASE.toSeconds())
			.param("retention", RETENTION.toSeconds())
			.update();
		if (inserted == 1) {
			return new Outcome.Proceed();
		}
		Row row = jdbc.sql("""
				SELECT request_hash, state, locked_until < now() AS lease_expired, expires_at < now() AS expired,
				       response_status, response_type, response_body
				FROM idempotency_record WHERE tenant_id = :tenant AND idempotency_key = :key FOR UPDATE""")
			.param("tenant", tenant.value())
			.param("key", key)
			.query((rs, n) -> new Row(rs.getBytes(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
					(Integer) rs.getObject(5), rs.getString(6), rs.getBytes(7)))
			.single();
		if (row.expired() || (row.state().equals("in_progress") && row.leaseExpired()
				&& Arrays.equals(row.requestHash(), requestHash))) {
			reclaim(tenant, key, requestHash);
			return new Outcome.Proceed();
		}
		if (!Arrays.equals(row.requestHash(), requestHash)) {
			return new Outcome.Mismatch();
		}
		if (row.state().equals("in_progress")) {
			return new Outcome.InProgress();
		}
		return new Outcome.Replay(row.responseStatus(), row.responseType(),
				(row.responseBody() != null) ? row.responseBody() : new byte[0]);
	}

	private void reclaim(TenantId tenant, String key, byte[] requestHash) {
		jdbc.sql("""
				UPDATE idempotency_record
				SET request_hash = :hash, state = 'in_progress', locked_until = now() + make_interval(secs => :lease),
				    response_status = NULL, response_type = NULL, response_body = NULL,
				    created_at = now(), expires_at = now() + make_interval(secs => :retention)
				WHERE tenant_id = :tenant AND idempotency_key = :key""")
			.param("tenant", tenant.value())
			.param("key", key)
			.param("hash", requestHash)
			.param("lease", LEASE.toSeconds())
			.param("retention", RETENTION.toSeconds())
			.update();
	}

	/** Stores the response, so retries with the same key replay it. */
	public void complete(String key, int status, @Nullable String contentType, byte[] body) {
		jdbc.sql("""
				UPDATE idempotency_record
				SET state = 'completed', response_status = :status, response_type = :type, response_body = :body
				WHERE tenant_id = :tenant AND idempotency_key = :key""")
			.param("tenant", TenantContext.requireTenant().value())
			.param("key", key)
			.param("status", status)
			.param("type", contentType)
			.param("body", body)
			.update();
	}

	/** Forgets a claim whose request failed on our side, so the client may retry. */
	public void abandon(String key) {
		jdbc.sql("DELETE FROM idempotency_record WHERE tenant_id = :tenant AND idempotency_key = :key")
			.param("tenant", TenantContext.requireTenant().value())
			.param("key", key)
			.update();
	}

}
