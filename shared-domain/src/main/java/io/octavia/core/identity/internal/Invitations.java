package io.octavia.core.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.Invitation;
import io.octavia.core.identity.InvitationPage;
import io.octavia.core.identity.InvitationStatus;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.platform.BrandId;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.TimeOrderedCursor;
import io.octavia.core.platform.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Invitations of a tenant, under its row-level security. */
@Component
@Transactional
class Invitations {

	private static final String COLUMNS = "invitation_id, tenant_id, brand_id, email, role, invited_by, created_at, "
			+ "expires_at, accepted_at, revoked_at";

	private static final String CURSOR_KIND = "invitations";

	/** An invitation just made, with the token for its link. */
	record Issued(Invitation invitation, String token) {
	}

	/** An invitation as stored, with the brand its mail and pages should wear. */
	record Stored(Invitation invitation, @Nullable BrandId brandId) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Invitations(JdbcClient jdbc, Clock identityClock) {
		this.jdbc = jdbc;
		this.clock = identityClock;
	}

	Issued create(TenantId tenant, @Nullable BrandId brand, String email, TenantRole role, @Nullable UserId invitedBy,
			Duration ttl) {
		String token = SecretTokens.newToken();
		Instant now = clock.instant();
		Invitation invitation = jdbc.sql("""
				INSERT INTO invitation (invitation_id, tenant_id, brand_id, email, role, token_hash, invited_by,
				                        created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
				RETURNING""" + " " + COLUMNS)
			.params(Ids.newId(), tenant.value(), (brand != null) ? brand.value() : null, email, role.value(),
					SecretTokens.hash(token), (invitedBy != null) ? invitedBy.value() : null, Timestamp.from(now),
					Timestamp.from(now.plus(ttl)))
			.query(this::stored)
			.single()
			.invitation();
		return new Issued(invitation, token);
	}

	/** The tenant an invitation token belongs to, whatever the scope. */
	Optional<TenantId> tenantOf(String token) {
		return jdbc.sql("SELECT octavia_invitation_tenant(?)")
			.param(SecretTokens.hash(token))
			.query(UUID.class)
			.optional()
			.map(TenantId::new);
	}

	@Transactional(readOnly = true)
	Optional<Stored> byToken(String token) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM invitation WHERE token_hash = ?")
			.param(SecretTokens.hash(token))
			.query(this::stored)
			.optional();
	}

	@Transactional(readOnly = true)
	Optional<Invitation> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM invitation WHERE tenant_id = ? AND invitation_id = ?")
			.params(tenant.value(), id)
			.query(this::stored)
			.optional()
			.map(Stored::invitation);
	}

	@Transactional(readOnly = true)
	InvitationPage list(TenantId tenant, @Nullable String cursorText, int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM invitation WHERE tenant_id = ?");
		List<Object> params = new ArrayList<>(List.of(tenant.value()));
		if (cursorText != null) {
			TimeOrderedCursor cursor = TimeOrderedCursor.decode(CURSOR_KIND, cursorText)
				.orElseThrow(() -> new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "validation_failed", List.of(1),
						List.of(new DomainProblem.FieldProblem("cursor", "api.field.cursor", List.of())), Map.of()));
			sql.append(" AND (created_at, invitation_id) > (?, ?)");
			params.add(Timestamp.from(cursor.at()));
			params.add(cursor.id());
		}
		sql.append(" ORDER BY created_at, invitation_id LIMIT ?");
		params.add(limit + 1);
		List<Invitation> rows = jdbc.sql(sql.toString())
			.params(params)
			.query(this::stored)
			.list()
			.stream()
			.map(Stored::invitation)
			.toList();
		if (rows.size() <= limit) {
			return new InvitationPage(rows, null);
		}
		List<Invitation> page = rows.subList(0, limit);
		Invitation last = page.getLast();
		return new InvitationPage(List.copyOf(page),
				new TimeOrderedCursor(last.createdAt(), last.id()).encode(CURSOR_KIND));
	}

	/**
	 * @return whether it was still pending (and so is revoked now)
	 */
	boolean revoke(TenantId tenant, UUID id) {
		return jdbc.sql("""
				UPDATE invitation SET revoked_at = ?
				WHERE tenant_id = ? AND invitation_id = ? AND accepted_at IS NULL AND revoked_at IS NULL""")
			.params(Timestamp.from(clock.instant()), tenant.value(), id)
			.update() == 1;
	}

	/**
	 * Marks an invitation accepted; only one transaction can, and only while it is
	 * pending.
	 */
	boolean accept(UUID id, UserId user) {
		Instant now = clock.instant();
		return jdbc.sql("""
				UPDATE invitation SET accepted_at = ?, accepted_by = ?
				WHERE invitation_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?""")
			.params(Timestamp.from(now), user.value(), id, Timestamp.from(now))
			.update() == 1;
	}

	private Stored stored(ResultSet row, int rowNum) throws SQLException {
		Instant expiresAt = row.getTimestamp("expires_at").toInstant();
		InvitationStatus status = (row.getTimestamp("accepted_at") != null) ? InvitationStatus.ACCEPTED
				: (row.getTimestamp("revoked_at") != null) ? InvitationStatus.REVOKED
						: expiresAt.isAfter(clock.instant()) ? InvitationStatus.PENDING : InvitationStatus.EXPIRED;
		UUID invitedBy = row.getObject("invited_by", UUID.class);
		UUID brand = row.getObject("brand_id", UUID.class);
		Invitation invitation = new Invitation(row.getObject("invitation_id", UUID.class),
				new TenantId(row.getObject("tenant_id", UUID.class)), row.getString("email"),
				TenantRole.of(row.getString("role")), status, (invitedBy != null) ? new UserId(invitedBy) : null,
				row.getTimestamp("created_at").toInstant(), expiresAt);
		return new Stored(invitation, (brand != null) ? new BrandId(brand) : null);
	}

}
