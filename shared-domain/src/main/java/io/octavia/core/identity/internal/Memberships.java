package io.octavia.core.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.octavia.core.identity.Member;
import io.octavia.core.identity.MemberPage;
import io.octavia.core.identity.MemberQuery;
import io.octavia.core.identity.Membership;
import io.octavia.core.identity.TenantRole;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.platform.DataConstraints;
import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.TimeOrderedCursor;
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

	private static final String COLUMNS = "tenant_id, user_id, role, created_at, status";

	private static final String CURSOR_KIND = "members";

	private static final String MEMBER_COLUMNS = """
			SELECT m.user_id, a.email, a.display_name, m.role, m.status, a.status AS account_status,
			       a.email_verified, m.created_at
			FROM membership m JOIN user_account a ON a.user_id = m.user_id""";

	private final JdbcClient jdbc;

	Memberships(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Membership add(TenantId tenant, UserId user, TenantRole role) {
		try {
			return jdbc.sql("INSERT INTO membership (tenant_id, user_id, role) VALUES (?, ?, ?) RETURNING " + COLUMNS)
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

	/** The user's active memberships, oldest first. */
	@Transactional(readOnly = true)
	public List<Membership> ofUser(UserId user) {
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM membership WHERE user_id = ? AND status = 'active' ORDER BY created_at")
			.param(user.value())
			.query(Memberships::membership)
			.list();
	}

	/** Every membership of the user the scope lets the transaction see, active or not. */
	@Transactional(readOnly = true)
	public List<Membership> allOfUser(UserId user) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM membership WHERE user_id = ? ORDER BY created_at")
			.param(user.value())
			.query(Memberships::membership)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<Membership> find(TenantId tenant, UserId user) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM membership WHERE tenant_id = ? AND user_id = ?")
			.params(tenant.value(), user.value())
			.query(Memberships::membership)
			.optional();
	}

	@Transactional(readOnly = true)
	Optional<Member> member(TenantId tenant, UserId user) {
		return jdbc.sql(MEMBER_COLUMNS + " WHERE m.tenant_id = ? AND m.user_id = ?")
			.params(tenant.value(), user.value())
			.query(Memberships::member)
			.optional();
	}

	@Transactional(readOnly = true)
	MemberPage list(TenantId tenant, MemberQuery query) {
		StringBuilder sql = new StringBuilder(MEMBER_COLUMNS + " WHERE m.tenant_id = ?");
		List<Object> params = new ArrayList<>(List.of(tenant.value()));
		if (query.role() != null) {
			sql.append(" AND m.role = ?");
			params.add(query.role().value());
		}
		if (query.status() != null) {
			sql.append(" AND m.status = ?");
			params.add(query.status().value());
		}
		if (query.cursor() != null) {
			TimeOrderedCursor cursor = TimeOrderedCursor.decode(CURSOR_KIND, query.cursor())
				.orElseThrow(Memberships::invalidCursor);
			sql.append(" AND (m.created_at, m.user_id) > (?, ?)");
			params.add(Timestamp.from(cursor.at()));
			params.add(cursor.id());
		}
		sql.append(" ORDER BY m.created_at, m.user_id LIMIT ?");
		params.add(query.limit() + 1);
		List<Member> rows = jdbc.sql(sql.toString()).params(params).query(Memberships::member).list();
		if (rows.size() <= query.limit()) {
			return new MemberPage(rows, null);
		}
		List<Member> page = rows.subList(0, query.limit());
		Member last = page.getLast();
		return new MemberPage(List.copyOf(page),
				new TimeOrderedCursor(last.joinedAt(), last.userId().value()).encode(CURSOR_KIND));
	}

	/**
	 * Locks every membership of the tenant until the transaction ends, so two changes
	 * that each leave one owner cannot together leave none.
	 */
	List<Membership> lockTenant(TenantId tenant) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM membership WHERE tenant_id = ? ORDER BY user_id FOR UPDATE")
			.param(tenant.value())
			.query(Memberships::membership)
			.list();
	}

	/**
	 * The tenant's memberships as the current statement sees them (after a lock:
	 * current).
	 */
	List<Membership> allOfTenant(TenantId tenant) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM membership WHERE tenant_id = ?")
			.param(tenant.value())
			.query(Memberships::membership)
			.list();
	}

	void changeRole(TenantId tenant, UserId user, TenantRole role) {
		jdbc.sql("UPDATE membership SET role = ?, updated_at = now() WHERE tenant_id = ? AND user_id = ?")
			.params(role.value(), tenant.value(), user.value())
			.update();
	}

	void changeStatus(TenantId tenant, UserId user, UserStatus status) {
		jdbc.sql("UPDATE membership SET status = ?, updated_at = now() WHERE tenant_id = ? AND user_id = ?")
			.params(status.value(), tenant.value(), user.value())
			.update();
	}

	void remove(TenantId tenant, UserId user) {
		jdbc.sql("DELETE FROM membership WHERE tenant_id = ? AND user_id = ?")
			.params(tenant.value(), user.value())
			.update();
	}

	private static DomainProblem invalidCursor() {
		return new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "validation_failed", List.of(1),
				List.of(new DomainProblem.FieldProblem("cursor", "api.field.cursor", List.of())), Map.of());
	}

	private static Membership membership(ResultSet row, int rowNum) throws SQLException {
		return new Membership(new TenantId(row.getObject("tenant_id", UUID.class)),
				new UserId(row.getObject("user_id", UUID.class)), TenantRole.of(row.getString("role")),
				row.getTimestamp("created_at").toInstant(), UserStatus.of(row.getString("status")));
	}

	private static Member member(ResultSet row, int rowNum) throws SQLException {
		return new Member(new UserId(row.getObject("user_id", UUID.class)), row.getString("email"),
				row.getString("display_name"), TenantRole.of(row.getString("role")),
				UserStatus.of(row.getString("status")), UserStatus.of(row.getString("account_status")),
				row.getBoolean("email_verified"), row.getTimestamp("created_at").toInstant());
	}

}
