package io.octavia.core.platform.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import io.octavia.core.platform.TenantContext;

import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Carries the {@link TenantContext} into PostgreSQL at the start of every transaction
 * with {@code set_config(..., true)}: transaction-local, so a pooled connection never
 * keeps a previous tenant. Row-level security policies read {@code app.tenant_id};
 * without it they match no row.
 */
class TenantAwareTransactionManager extends JpaTransactionManager {

	TenantAwareTransactionManager(EntityManagerFactory emf) {
		super(emf);
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		super.doBegin(transaction, definition);
		DataSource dataSource = getDataSource();
		ConnectionHolder holder = (dataSource != null)
				? (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource) : null;
		if (holder == null) {
			throw new CannotCreateTransactionException("No JDBC connection bound: cannot apply the tenant context");
		}
		applyScope(holder.getConnection());
	}

	static void applyScope(Connection connection) {
		TenantContext.Scope scope = TenantContext.current().orElse(null);
		String tenant = (scope != null && scope.tenantId() != null) ? scope.tenantId().toString() : "";
		String crossTenant = (scope != null && scope.crossTenant()) ? "on" : "";
		String user = (scope != null && scope.userId() != null) ? scope.userId().toString() : "";
		try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('app.tenant_id', ?, true), "
				+ "set_config('app.cross_tenant', ?, true), set_config('app.user_id', ?, true)")) {
			statement.setString(1, tenant);
			statement.setString(2, crossTenant);
			statement.setString(3, user);
			statement.execute();
		}
		catch (SQLException ex) {
			throw new CannotCreateTransactionException("Could not apply the tenant context", ex);
		}
	}

}
