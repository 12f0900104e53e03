package io.octavia.core.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.octavia.core.platform.DomainProblem;
import io.octavia.core.platform.EventMetadata;
import io.octavia.core.platform.Ids;
import io.octavia.core.platform.TenantContext;
import io.octavia.core.platform.TenantId;
import io.octavia.core.platform.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Support impersonation: an operator holding {@code users:impersonate} acts as a member
 * of a tenant, for a stated reason and at most {@value #MAX_MINUTES} minutes. Starting
 * and ending are events the audit log records in the platform's log and the tenant's.
 * While it lasts the operator holds only what both they and the user hold, so support
 * staff (who hold only reading permissions) can look but not change. Starting is operator
 * work across tenants: call it inside {@link io.octavia.core.platform.CrossTenantAccess},
 * which sees the tenant's members.
 */
@Service
@Transactional
public class ImpersonationManagement {

	public static final int MIN_REASON_LENGTH = 10;

	public static final int MAX_REASON_LENGTH = 500;

	public static final int MAX_MINUTES = 60;

	public static final int DEFAULT_MINUTES = 15;

	private static final String SELECT = """
			SELECT i.*, u.display_name FROM impersonation i JOIN user_account u ON u.user_id = i.user_id
			""";

	private final JdbcClient jdbc;

	private final IdentityManagement identity;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ImpersonationManagement(JdbcClient jdbc, IdentityManagement identity, ApplicationEventPublisher events,
			Clock identityClock) {
		this.jdbc = jdbc;
		this.identity = identity;
		this.events = events;
		this.clock = identityClock;
	}

	/**
	 * Starts acting as an active member of a tenant.
	 * @param minutes how long, 1 to {@value #MAX_MINUTES}; null for
	 * {@value #DEFAULT_MINUTES}
	 * @throws DomainProblem {@code impersonation_reason_required} (a reason of
	 * {@value #MIN_REASON_LENGTH} to {@value #MAX_REASON_LENGTH} characters),
	 * {@code impersonation_too_long}, {@code member_not_found}
	 */
	public Impersonation start(UserId operator, TenantId tenant, UserId user, @Nullable String reason,
			@Nullable Integer minutes) {
		String why = (reason != null) ? reason.strip() : "";
		if (why.length() < MIN_REASON_LENGTH || why.length() > MAX_REASON_LENGTH) {
			throw new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "impersonation_reason_required", MIN_REASON_LENGTH,
					MAX_REASON_LENGTH);
		}
		int duration = (minutes != null) ? minutes : DEFAULT_MINUTES;
		if (duration < 1 || duration > MAX_MINUTES) {
			throw new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "impersonation_too_long", MAX_MINUTES);
		}
		if (identity.membership(tenant, user).isEmpty() || operator.equals(user)) {
			throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "member_not_found", user.toString());
		}
		UUID id = Ids.newId();
		Instant now = clock.instant();
		Instant endsAt = now.plus(Duration.ofMinutes(duration));
		jdbc.sql(
				"""
						INSERT INTO impersonation (impersonation_id, operator_id, user_id, target_tenant_id, reason, started_at, ends_at)
						VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, operator.value(), user.value(), tenant.value(), why, Timestamp.from(now),
					Timestamp.from(endsAt))
			.update();
		events.publishEvent(
				new ImpersonationStarted(EventMetadata.capture(null), id, operator, user, tenant, why, endsAt));
		return find(id).orElseThrow();
	}

	/**
	 * Ends an impersonation before its time; one already over stays as it is.
	 * @throws DomainProblem {@code impersonation_not_found}
	 */
	public Impersonation end(UUID id) {
		Impersonation impersonation = find(id).orElseThrow(
				() -> new DomainProblem(DomainProblem.Kind.NOT_FOUND, "impersonation_not_found", id.toString()));
		Instant now = clock.instant();
		if (!impersonation.activeAt(now)) {
			return impersonation;
		}
		jdbc.sql("UPDATE impersonation SET ended_at = ? WHERE impersonation_id = ? AND ended_at IS NULL")
			.params(Timestamp.from(now), id)
			.update();
		events.publishEvent(new ImpersonationEnded(EventMetadata.capture(null), id, impersonation.operatorId(),
				impersonation.userId(), impersonation.tenantId()));
		return find(id).orElseThrow();
	}

	/** The operator's impersonation, if it is still going on. */
	@Transactional(readOnly = true)
	public Optional<Impersonation> active(UUID id, UserId operator) {
		Instant now = clock.instant();
		return find(id).filter(impersonation -> impersonation.operatorId().equals(operator))
			.filter(impersonation -> impersonation.activeAt(now));
	}

	/** The impersonations going on now, newest first. */
	@Transactional(readOnly = true)
	public List<Impersonation> ongoing(int limit) {
		return jdbc.sql(SELECT + " WHERE i.ended_at IS NULL AND i.ends_at > ? ORDER BY i.started_at DESC LIMIT ?")
			.params(Timestamp.from(clock.instant()), limit)
			.query(ImpersonationManagement::impersonation)
			.list();
	}

	/** The newest impersonations, going on or over. */
	@Transactional(readOnly = true)
	public List<Impersonation> recent(int limit) {
		return jdbc.sql(SELECT + " ORDER BY i.started_at DESC LIMIT ?")
			.param(limit)
			.query(ImpersonationManagement::impersonation)
			.list();
	}

	/**
	 * What the operator may do while acting as the user: what both hold, and nothing once
	 * the membership is gone or disabled.
	 */
	@Transactional(propagation = Propagation.NEVER)
	public Set<String> permissions(Impersonation impersonation, Set<String> operatorPermissions) {
		Set<String> user = TenantContext.call(
				TenantContext.Scope.tenant(impersonation.tenantId(), impersonation.actor())
					.withUser(impersonation.userId()),
				() -> identity.membership(impersonation.tenantId(), impersonation.userId())
					.map(Membership::permissions)
					.orElse(Set.of()));
		return user.stream().filter(operatorPermissions::contains).collect(Collectors.toUnmodifiableSet());
	}

	private Optional<Impersonation> find(UUID id) {
		return jdbc.sql(SELECT + " WHERE i.impersonation_id = ?")
			.param(id)
			.query(ImpersonationManagement::impersonation)
			.optional();
	}

	private static Impersonation impersonation(ResultSet row, int number) throws SQLException {
		Timestamp ended = row.getTimestamp("ended_at");
		return new Impersonation(row.getObject("impersonation_id", UUID.class),
				new UserId(row.getObject("operator_id", UUID.class)), new UserId(row.getObject("user_id", UUID.class)),
				row.getString("display_name"), new TenantId(row.getObject("target_tenant_id", UUID.class)),
				row.getString("reason"), row.getTimestamp("started_at").toInstant(),
				row.getTimestamp("ends_at").toInstant(), (ended != null) ? ended.toInstant() : null);
	}

}
