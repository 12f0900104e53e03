package io.octavia.core.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.octavia.core.OctaviaIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tenant isolation in PostgreSQL itself, as the application role: even a query without a
 * tenant filter cannot see or touch another tenant's rows.
 */
@OctaviaIntegrationTest
class RowLevelSecurityIntegrationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	@Value("${spring.datasource.url}")
	String url;

	@Value("${spring.flyway.user}")
	String owner;

	@Value("${spring.flyway.password}")
	String ownerPassword;

	TenantId tenantA = new TenantId(Ids.newId());

	TenantId tenantB = new TenantId(Ids.newId());

	@BeforeEach
	void rowsOfBothTenants() {
		insert(tenantA, "a-1");
		insert(tenantA, "a-2");
		insert(tenantB, "b-1");
	}

	@Test
	void everyTenantOwnedTableHasRowLevelSecurityEnabledAndForced() throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, owner, ownerPassword)) {
			List<String> unprotected = new JdbcTemplate(
					new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true))
				.queryForList("""
						SELECT c.relname FROM pg_class c
						JOIN pg_namespace n ON n.oid = c.relnamespace
						JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
						WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
						  AND NOT (c.relrowsecurity AND c.relforcerowsecurity)""", String.class);
			assertThat(unprotected).as("tables with tenant_id but without ENABLE + FORCE ROW LEVEL SECURITY").isEmpty();
			Integer policies = new JdbcTemplate(
					new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true))
				.queryForObject("""
						SELECT count(*) FROM pg_class c
						JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
						JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
						WHERE c.relkind = 'r' AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)""",
						Integer.class);
			assertThat(policies).as("tenant-owned tables without a policy").isZero();
		}
	}

	@Test
	void theApplicationRoleIsNeitherOwnerNorSuperuserAndCannotBypassRowLevelSecurity() {
		var role = jdbc.queryForMap(
				"SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user");
		assertThat(role).containsEntry("rolsuper", false)
			.containsEntry("rolbypassrls", false)
			.containsEntry("rolcreaterole", false)
			.containsEntry("rolcreatedb", false);
		Integer owned = jdbc.queryForObject(
				"SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user",
				Integer.class);
		assertThat(owned).isZero();
	}

	@Test
	void aTenantSeesOnlyItsOwnRowsEvenWithoutAFilter() {
		assertThat(keysVisibleTo(tenantA)).contains("a-1", "a-2").doesNotContain("b-1");
		assertThat(keysVisibleTo(tenantB)).contains("b-1").doesNotContain("a-1", "a-2");
	}

	@Test
	void withoutATenantNoRowIsVisible() {
		assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_record", Integer.class)).isZero();
		Integer inTransaction = transactions
			.execute(status -> jdbc.queryForObject("SELECT count(*) FROM idempotency_record", Integer.class));
		assertThat(inTransaction).isZero();
	}

	@Test
	void crossTenantUpdatesAndDeletesAffectNoRow() {
		int updated = asTenant(tenantB, () -> jdbc
			.update("UPDATE idempotency_record SET state = 'completed' WHERE tenant_id = ?", tenantA.value()));
		int deleted = asTenant(tenantB,
				() -> jdbc.update("DELETE FROM idempotency_record WHERE tenant_id = ?", tenantA.value()));
		assertThat(updated).isZero();
		assertThat(deleted).isZero();
		assertThat(keysVisibleTo(tenantA)).contains("a-1", "a-2");
	}

	@Test
	void insertingARowOfAnotherTenantFails() {
		assertThatThrownBy(() -> asTenant(tenantB,
				() -> jdbc.update(
						"""
								INSERT INTO idempotency_record (tenant_id, idempotency_key, request_hash, state, locked_until, expires_at)
								VALUES (?, 'forged', '\\x00', 'completed', now(), now())""",
						tenantA.value())))
			.rootCause()
			.hasMessageContaining("row-level security");
	}

	@Test
	void movingARowToAnotherTenantFails() {
		assertThatThrownBy(() -> asTenant(tenantA, () -> jdbc
			.update("UPDATE idempotency_record SET tenant_id = ? WHERE idempotency_key = 'a-1'", tenantB.value())))
			.rootCause()
			.hasMessageContaining("row-level security");
	}

	@Test
	void aPooledConnectionNeverCarriesThePreviousTenant() throws SQLException {
		// a single-connection pool makes reuse certain: the next transaction gets the
		// same connection
		try (Connection connection = dataSource.getConnection()) {
			var single = new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true);
			JdbcTemplate sameConnection = new JdbcTemplate(single);
			connection.setAutoCommit(false);
			sameConnection.queryForObject("SELECT set_config('app.tenant_id', ?, true)", String.class,
					tenantA.toString());
			assertThat(sameConnection.queryForObject("SELECT count(*) FROM idempotency_record", Integer.class))
				.isGreaterThanOrEqualTo(2);
			connection.commit();
			assertThat(sameConnection.queryForObject("SELECT count(*) FROM idempotency_record", Integer.class))
				.isZero();
			assertThat(sameConnection.queryForObject("SELECT octavia_current_tenant()", UUID.class)).isNull();
			connection.rollback();
			connection.setAutoCommit(true);
		}
	}

	@Test
	void transactionsOfDifferentTenantsOnThePoolNeverSeeEachOther() {
		// Hikari hands a thread its last connection back, so these alternate on the same
		// connections
		for (int i = 0; i < 50; i++) {
			assertThat(keysVisibleTo(tenantA)).doesNotContain("b-1");
			Integer visibleWithoutTenant = transactions.execute(status -> jdbc.queryForObject(
					"SELECT count(*) FROM idempotency_record WHERE idempotency_key IN ('a-1','a-2','b-1')",
					Integer.class));
			assertThat(visibleWithoutTenant).isZero();
			assertThat(keysVisibleTo(tenantB)).containsExactly("b-1");
		}
	}

	@Test
	void operatorWorkAcrossTenantsGoesThroughTheAuditedPath(@Autowired CrossTenantAccess crossTenant) {
		List<String> all = crossTenant.call("user:operator", "test: list every key",
				() -> transactions.execute(status -> jdbc.queryForList(
						"SELECT idempotency_key FROM idempotency_record WHERE tenant_id IN (?, ?)", String.class,
						tenantA.value(), tenantB.value())));
		assertThat(all).contains("a-1", "a-2", "b-1");
		assertThatThrownBy(() -> crossTenant.call("user:operator", " ", () -> 1))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private List<String> keysVisibleTo(TenantId tenant) {
		return asTenant(tenant,
				() -> jdbc.queryForList(
						"SELECT idempotency_key FROM idempotency_record WHERE idempotency_key IN ('a-1','a-2','b-1')",
						String.class));
	}

	private void insert(TenantId tenant, String key) {
		asTenant(tenant,
				() -> jdbc.update(
						"""
								INSERT INTO idempotency_record (tenant_id, idempotency_key, request_hash, state, locked_until, expires_at)
								VALUES (?, ?, '\\x00', 'completed', now(), now() + interval '1 hour')
								ON CONFLICT DO NOTHING""",
						tenant.value(), key));
	}

	private <T> T asTenant(TenantId tenant, java.util.function.Supplier<T> work) {
		return TenantContext.call(TenantContext.Scope.tenant(tenant, "test"),
				() -> transactions.execute(status -> work.get()));
	}

}
