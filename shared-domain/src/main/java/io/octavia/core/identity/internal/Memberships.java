package io.octavia.core.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.octavia.core.identity.Membership;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.platform.DataConstraints;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Memberships of users in tenants. Row-level security shows a transaction the memberships
 * of its tenant, and those of its user in every tenant.
 */
@Component
@Transactional
public class Memberships {

	private final JdbcClient jdbc;

	Memberships(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Membership add(TenantId tenant, UserId user, TenantRole role) {
		try {
			return jdbc.sql("""
					INSERT INTO membership (tenant_id, user_id, role) VALUES (?, ?, ?)
					RETURNING tenant_id, user_id, role, created_at""")
				.params(tenant.value(), user.value(), role.value())
				.query(Memberships::membership)
				.single();
		}
		catch (DataIntegrityViolationException ex) {
			if (DataConstraints.violated(ex, "membership_pkey")) {
				throw new DomainProblem(DomainProblem.Kind.CONFLICT, "membership_exists");
			}
			throw ex;
		}
	}

	@Transactional(readOnly = true)
	public List<Membership> ofUser(UserId user) {
		return jdbc
			.sql("SELECT tenant_id, user_id, role, created_at FROM membership WHERE user_id = ? ORDER BY created_at")
			.param(user.value())
			.query(Memberships::membership)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<Membership> find(TenantId tenant, UserId user) {
		return jdbc
			.sql("SELECT tenant_id, user_id, role, created_at FROM membership WHERE tenant_id = ? AND user_id = ?")
			.params(tenant.value(), user.value())
			.query(Memberships::membership)
			.optional();
	}

	private static Membership membership(ResultSet row, int rowNum) throws SQLException {
		return new Membership(new TenantId(row.getObject("tenant_id", java.util.UUID.class)),
				new UserId(row.getObject("user_id", java.util.UUID.class)), TenantRole.of(row.getString("role")),
				row.getTimestamp("created_at").toInstant());
	}

}
